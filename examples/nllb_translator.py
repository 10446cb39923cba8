#!/usr/bin/env python3
"""A tilmech command backend around CTranslate2 and NLLB-200, which covers Kyrgyz.

tilmech starts it once and writes one JSON request per line on its stdin,
{"id": 7, "source": "ky", "target": "en", "text": "..."}, and reads one answer per line,
{"id": 7, "text": "..."} (or {"id": 7, "error": "..."}), in the same order.

Setup (once):
    pip install ctranslate2 transformers sentencepiece
    ct2-transformers-converter --model facebook/nllb-200-distilled-600M \
        --output_dir nllb-200-600M-ct2 --quantization int8

pipeline.toml:
    [translate]
    backend = "command"
    command = ["python3", "examples/nllb_translator.py", "nllb-200-600M-ct2"]
    source_langs = ["ky", "ru"]
    target = "en"
    batch_size = 32

It reads a whole batch (the lines tilmech wrote without waiting) before translating, so that
the GPU or CPU sees batches, and logs to stderr (shown by `tilmech -v`).
"""

import json
import select
import sys

import ctranslate2
import transformers

# tilmech's language codes to NLLB-200's (FLORES-200) codes.
NLLB = {
    "ky": "kir_Cyrl", "ru": "rus_Cyrl", "en": "eng_Latn", "kk": "kaz_Cyrl",
    "uz": "uzn_Latn", "tg": "tgk_Cyrl", "uk": "ukr_Cyrl", "be": "bel_Cyrl",
    "tr": "tur_Latn", "de": "deu_Latn", "fr": "fra_Latn", "es": "spa_Latn",
}


def read_batch():
    """The lines waiting on stdin (at least one; None at the end of input)."""
    first = sys.stdin.readline()
    if not first:
        return None
    lines = [first]
    while select.select([sys.stdin], [], [], 0)[0]:
        line = sys.stdin.readline()
        if not line:
            break
        lines.append(line)
    return [json.loads(line) for line in lines]


def main():
    model_dir = sys.argv[1]
    translator = ctranslate2.Translator(model_dir, device="auto")
    tokenizer = transformers.AutoTokenizer.from_pretrained("facebook/nllb-200-distilled-600M")
    print(f"nllb: model {model_dir} loaded", file=sys.stderr, flush=True)
    while (batch := read_batch()) is not None:
        answers = {}
        by_pair = {}
        for request in batch:
            pair = (request["source"], request["target"])
            if pair[0] not in NLLB or pair[1] not in NLLB:
                answers[request["id"]] = {"id": request["id"], "error": f"no NLLB code for {pair}"}
            else:
                by_pair.setdefault(pair, []).append(request)
        for (source, target), requests in by_pair.items():
            tokenizer.src_lang = NLLB[source]
            tokens = [tokenizer.convert_ids_to_tokens(tokenizer.encode(r["text"])) for r in requests]
            results = translator.translate_batch(
                tokens, target_prefix=[[NLLB[target]]] * len(tokens), beam_size=2
            )
            for request, result in zip(requests, results):
                words = result.hypotheses[0][1:]
                text = tokenizer.decode(tokenizer.convert_tokens_to_ids(words))
                answers[request["id"]] = {"id": request["id"], "text": text}
        for request in batch:
            print(json.dumps(answers[request["id"]], ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
