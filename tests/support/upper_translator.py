# A command backend for the tests: answers each JSON request line with the text in capitals
# and the language pair, as a real wrapper around CTranslate2 or OPUS-MT would answer with
# its translation. A text "stall" makes it hang, "die" makes it exit.
import json
import sys
import time

for line in sys.stdin:
    request = json.loads(line)
    text = request["text"]
    if text.startswith("stall"):
        time.sleep(60)
    if text.startswith("die"):
        sys.exit(3)
    answer = {"id": request["id"], "text": f"[{request['source']}>{request['target']}] {text.upper()}"}
    print(json.dumps(answer, ensure_ascii=False), flush=True)
