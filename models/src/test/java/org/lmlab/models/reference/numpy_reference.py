#!/usr/bin/env python3
"""Independent float64 NumPy forward passes of Hugging Face GPT2LMHeadModel and BertForMaskedLM.

Produces the golden values in NumpyGoldenValuesTest.java. It shares no code with the Java
references: it parses safetensors itself and follows the Hugging Face modelling code.

    python3 numpy_reference.py gpt2 <checkpoint-dir> 5 17 3 96 0 41
    python3 numpy_reference.py bert <checkpoint-dir> 1 15 40 7 2

Prints the logits of the last position (first 6 values), the logits' sum, and the loss
(GPT-2: mean next-token loss; BERT: pseudo-log-likelihood with mask id 3, specials 0-3).
"""
import json
import math
import struct
import sys

import numpy as np

DTYPES = {"F32": np.float32, "F16": np.float16, "F64": np.float64}


def read_safetensors(path):
    with open(path, "rb") as f:
        raw = f.read()
    (n,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8:8 + n].decode("utf-8"))
    header.pop("__metadata__", None)
    data = raw[8 + n:]
    out = {}
    for name, info in header.items():
        begin, end = info["data_offsets"]
        if info["dtype"] == "BF16":
            bits = np.frombuffer(data[begin:end], dtype="<u2").astype(np.uint32) << 16
            arr = bits.view(np.float32)
        else:
            arr = np.frombuffer(data[begin:end], dtype=np.dtype(DTYPES[info["dtype"]]).newbyteorder("<"))
        out[name] = arr.astype(np.float64).reshape(info["shape"])
    return out


def layer_norm(x, g, b, eps):
    mu = x.mean(-1, keepdims=True)
    var = ((x - mu) ** 2).mean(-1, keepdims=True)
    return (x - mu) / np.sqrt(var + eps) * g + b


def gelu_erf(x):
    return np.vectorize(lambda v: 0.5 * v * math.erfc(-v / math.sqrt(2)))(x)


def gelu_tanh(x):
    return 0.5 * x * (1 + np.tanh(math.sqrt(2 / math.pi) * (x + 0.044715 * x ** 3)))


def softmax(x):
    e = np.exp(x - x.max(-1, keepdims=True))
    return e / e.sum(-1, keepdims=True)


def log_softmax(x):
    m = x.max(-1, keepdims=True)
    return x - m - np.log(np.exp(x - m).sum(-1, keepdims=True))


def gpt2_logits(w, cfg, ids):
    p = "transformer." if "transformer.wte.weight" in w else ""
    eps, heads, width = cfg["layer_norm_epsilon"], cfg["n_head"], cfg["n_embd"]
    hd = width // heads
    T = len(ids)
    h = w[p + "wte.weight"][ids] + w[p + "wpe.weight"][:T]
    causal = np.tril(np.ones((T, T), dtype=bool))
    for i in range(cfg["n_layer"]):
        q = lambda n: w[f"{p}h.{i}.{n}"]
        a = layer_norm(h, q("ln_1.weight"), q("ln_1.bias"), eps)
        qkv = a @ q("attn.c_attn.weight") + q("attn.c_attn.bias")
        Q, K, V = (qkv[:, j * width:(j + 1) * width].reshape(T, heads, hd).transpose(1, 0, 2) for j in range(3))
        s = Q @ K.transpose(0, 2, 1) / math.sqrt(hd)
        s = np.where(causal, s, -np.inf)
        ctx = (softmax(s) @ V).transpose(1, 0, 2).reshape(T, width)
        h = h + ctx @ q("attn.c_proj.weight") + q("attn.c_proj.bias")
        m = layer_norm(h, q("ln_2.weight"), q("ln_2.bias"), eps)
        h = h + gelu_tanh(m @ q("mlp.c_fc.weight") + q("mlp.c_fc.bias")) @ q("mlp.c_proj.weight") + q("mlp.c_proj.bias")
    h = layer_norm(h, w[p + "ln_f.weight"], w[p + "ln_f.bias"], eps)
    head = w[p + "wte.weight"] if cfg.get("tie_word_embeddings", True) else w["lm_head.weight"]
    return h @ head.T


def bert_logits(w, cfg, ids):
    eps, heads, width = cfg["layer_norm_eps"], cfg["num_attention_heads"], cfg["hidden_size"]
    hd = width // heads
    T = len(ids)

    def ln(prefix, x):
        g = w.get(prefix + ".weight", w.get(prefix + ".gamma"))
        b = w.get(prefix + ".bias", w.get(prefix + ".beta"))
        return layer_norm(x, g, b, eps)

    def lin(prefix, x):
        return x @ w[prefix + ".weight"].T + w[prefix + ".bias"]

    e = "bert.embeddings."
    h = w[e + "word_embeddings.weight"][ids] + w[e + "position_embeddings.weight"][:T] + w[e + "token_type_embeddings.weight"][0]
    h = ln(e + "LayerNorm", h)
    for i in range(cfg["num_hidden_layers"]):
        l = f"bert.encoder.layer.{i}."
        Q, K, V = (lin(l + "attention.self." + n, h).reshape(T, heads, hd).transpose(1, 0, 2) for n in ("query", "key", "value"))
        ctx = (softmax(Q @ K.transpose(0, 2, 1) / math.sqrt(hd)) @ V).transpose(1, 0, 2).reshape(T, width)
        a = ln(l + "attention.output.LayerNorm", h + lin(l + "attention.output.dense", ctx))
        h = ln(l + "output.LayerNorm", a + lin(l + "output.dense", gelu_erf(lin(l + "intermediate.dense", a))))
    t = ln("cls.predictions.transform.LayerNorm", gelu_erf(lin("cls.predictions.transform.dense", h)))
    return t @ w[e + "word_embeddings.weight"].T + w["cls.predictions.bias"]


def main():
    kind, directory, ids = sys.argv[1], sys.argv[2], [int(x) for x in sys.argv[3:]]
    cfg = json.load(open(directory + "/config.json"))
    w = read_safetensors(directory + "/model.safetensors")
    if kind == "gpt2":
        logits = gpt2_logits(w, cfg, ids)
        lp = log_softmax(logits)
        loss = -np.mean([lp[t, ids[t + 1]] for t in range(len(ids) - 1)])
    else:
        logits = bert_logits(w, cfg, ids)
        losses = []
        for t, token in enumerate(ids):
            if token in (0, 1, 2, 3):
                continue
            masked = list(ids)
            masked[t] = 3
            losses.append(-log_softmax(bert_logits(w, cfg, masked))[t, token])
        loss = np.mean(losses)
    print("last:", ", ".join(repr(float(v)) for v in logits[-1, :6]))
    print("sum:", repr(float(logits.sum())))
    print("loss:", repr(float(loss)))


if __name__ == "__main__":
    main()
