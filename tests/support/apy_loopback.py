# Starts Apertium APy (Debian's apertium-apy) listening on 127.0.0.1 only: APy binds every
# interface, so its server's bind is given the loopback address. Arguments are APy's.
import sys

import tornado.tcpserver

bind = tornado.tcpserver.TCPServer.bind
tornado.tcpserver.TCPServer.bind = (
    lambda self, port, address=None, *a, **k: bind(self, port, "127.0.0.1", *a, **k)
)

from apertium_apy.apy import main  # noqa: E402

sys.argv = ["apertium-apy"] + sys.argv[1:]
main()
