"""Shared parts of the transformer recipes (char_gpt.py, toy_reverse.py).

A post-LayerNorm decoder-only transformer (the original Transformer's order) whose
ONNX graph is written node by node with onnx.helper rather than traced, so that

- every step the Attention lesson shows is a named graph output with a fixed shape
  (tok_emb, pos_emb, embed, l{l}.h{h}.q/k/v/scores/scaled/masked/weights/out,
  l{l}.concat/proj/resid1/norm1/mlp_hidden/mlp_out/resid2/norm2, logits);
- the graph only uses ops that onnxruntime-web's WebGPU EP runs (Cast, Gather, MatMul,
  Add, Div, Transpose, Where, Softmax, Concat, Relu, LayerNormalization, Identity):
  the causal mask is a constant, there are no Shape or dynamic Slice nodes.

The PyTorch module computes the same stages in the same order; its outputs are the
golden fixtures CI checks the .onnx against.
"""

import hashlib
import json
import math
import random
from pathlib import Path

import numpy as np
import onnx
import torch
import torch.nn as nn
import torch.nn.functional as F
from onnx import TensorProto, helper, numpy_helper

OPSET = 17
LN_EPS = 1e-5
MODELS_DIR = Path(__file__).resolve().parent.parent
REPO_ROOT = MODELS_DIR.parent

HEAD_PARTS = ["q", "k", "v", "scores", "scaled", "masked", "weights", "out"]
LAYER_PARTS = ["concat", "proj", "resid1", "norm1", "mlp_hidden", "mlp_out", "resid2", "norm2"]


def seed_everything(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    # The machine is shared; one thread also keeps runs reproducible.
    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)


def output_names(layers: int, heads: int) -> list:
    """Graph outputs, in graph order."""
    names = ["tok_emb", "pos_emb", "embed"]
    for l in range(layers):
        for h in range(heads):
            names += [f"l{l}.h{h}.{p}" for p in HEAD_PARTS]
        names += [f"l{l}.{p}" for p in LAYER_PARTS]
    return names + ["logits"]


def sinusoidal_table(context: int, d_model: int) -> torch.Tensor:
    """PE[pos, 2i] = sin(pos / 10000^(2i/d)), PE[pos, 2i+1] = cos(...) (Vaswani et al.)."""
    pos = torch.arange(context, dtype=torch.float64)[:, None]
    i = torch.arange(0, d_model, 2, dtype=torch.float64)[None, :]
    angle = pos / torch.pow(10000.0, i / d_model)
    table = torch.zeros(context, d_model, dtype=torch.float64)
    table[:, 0::2] = torch.sin(angle)
    table[:, 1::2] = torch.cos(angle)
    return table.float()


class Head(nn.Module):
    def __init__(self, d_model: int, d_k: int, d_v: int):
        super().__init__()
        self.q = nn.Linear(d_model, d_k)
        self.k = nn.Linear(d_model, d_k)
        self.v = nn.Linear(d_model, d_v)


class Block(nn.Module):
    def __init__(self, d_model, heads, d_k, d_v, d_ff):
        super().__init__()
        self.heads = nn.ModuleList(Head(d_model, d_k, d_v) for _ in range(heads))
        self.proj = nn.Linear(heads * d_v, d_model)
        self.norm1 = nn.LayerNorm(d_model, eps=LN_EPS)
        self.fc1 = nn.Linear(d_model, d_ff)
        self.fc2 = nn.Linear(d_ff, d_model)
        self.norm2 = nn.LayerNorm(d_model, eps=LN_EPS)


class DecoderLM(nn.Module):
    """Post-LN decoder-only transformer with per-head Q/K/V projections.

    tie_embeddings: the logits use the token embedding matrix transposed (saves V*D
    parameters, which matters for the 3,000-character Chinese vocabulary).
    """

    def __init__(self, vocab, context, layers, heads, d_model, d_k, d_v, d_ff,
                 positional="learned", tie_embeddings=False, dropout=0.0):  # fmt: skip
        super().__init__()
        self.cfg = dict(vocab=vocab, context=context, layers=layers, heads=heads,
                        d_model=d_model, d_k=d_k, d_v=d_v, d_ff=d_ff,
                        positional=positional, tie_embeddings=tie_embeddings)  # fmt: skip
        self.tok = nn.Embedding(vocab, d_model)
        if positional == "learned":
            self.pos = nn.Parameter(torch.randn(context, d_model) * 0.1)
        else:
            self.register_buffer("pos", sinusoidal_table(context, d_model))
        self.blocks = nn.ModuleList(Block(d_model, heads, d_k, d_v, d_ff) for _ in range(layers))
        self.lm_head = None if tie_embeddings else nn.Linear(d_model, vocab)
        self.lm_bias = nn.Parameter(torch.zeros(vocab)) if tie_embeddings else None
        self.drop = nn.Dropout(dropout)
        mask = torch.tril(torch.ones(context, context, dtype=torch.bool))
        self.register_buffer("causal", mask)

    def stages(self, tokens: torch.Tensor, collect=True):
        """tokens: [B, T] ids (float or int). Returns (logits, dict of every named stage)."""
        T = tokens.shape[1]
        c = self.cfg
        out = {}
        ids = tokens.long()
        tok_emb = self.tok(ids)
        pos_emb = self.pos[:T].unsqueeze(0).expand(tokens.shape[0], T, -1)
        x = self.drop(tok_emb + pos_emb)
        if collect:
            out.update(tok_emb=tok_emb, pos_emb=pos_emb, embed=x)
        mask = self.causal[:T, :T]
        scale = math.sqrt(c["d_k"])
        for l, blk in enumerate(self.blocks):
            head_outs = []
            for h, head in enumerate(blk.heads):
                q, k, v = head.q(x), head.k(x), head.v(x)
                scores = q @ k.transpose(1, 2)
                scaled = scores / scale
                masked = scaled.masked_fill(~mask, float("-inf"))
                weights = torch.softmax(masked, dim=-1)
                o = self.drop(weights) @ v
                head_outs.append(o)
                if collect:
                    for name, t in zip(HEAD_PARTS, [q, k, v, scores, scaled, masked, weights, o]):
                        out[f"l{l}.h{h}.{name}"] = t
            concat = torch.cat(head_outs, dim=-1)
            proj = self.drop(blk.proj(concat))
            resid1 = x + proj
            norm1 = blk.norm1(resid1)
            hidden = F.relu(blk.fc1(norm1))
            mlp_out = self.drop(blk.fc2(hidden))
            resid2 = norm1 + mlp_out
            x = blk.norm2(resid2)
            if collect:
                for name, t in zip(LAYER_PARTS,
                                   [concat, proj, resid1, norm1, hidden, mlp_out, resid2, x]):  # fmt: skip
                    out[f"l{l}.{name}"] = t
        if self.lm_head is None:
            logits = x @ self.tok.weight.t() + self.lm_bias
        else:
            logits = self.lm_head(x)
        out["logits"] = logits
        return logits, out

    def forward(self, tokens):
        """Same numbers as stages(), with the heads batched into one matmul each
        (for training speed; the exported graph keeps the heads separate)."""
        c = self.cfg
        B, T = tokens.shape
        H, dk, dv = c["heads"], c["d_k"], c["d_v"]
        x = self.drop(self.tok(tokens.long()) + self.pos[:T].unsqueeze(0))
        mask = self.causal[:T, :T]
        for blk in self.blocks:
            def proj(part, d):
                w = torch.cat([getattr(h, part).weight for h in blk.heads])
                b = torch.cat([getattr(h, part).bias for h in blk.heads])
                return F.linear(x, w, b).view(B, T, H, d).transpose(1, 2)

            q, k, v = proj("q", dk), proj("k", dk), proj("v", dv)
            scaled = (q @ k.transpose(-1, -2)) / math.sqrt(dk)
            weights = torch.softmax(scaled.masked_fill(~mask, float("-inf")), dim=-1)
            concat = (self.drop(weights) @ v).transpose(1, 2).reshape(B, T, H * dv)
            norm1 = blk.norm1(x + self.drop(blk.proj(concat)))
            x = blk.norm2(norm1 + self.drop(blk.fc2(F.relu(blk.fc1(norm1)))))
        if self.lm_head is None:
            return x @ self.tok.weight.t() + self.lm_bias
        return self.lm_head(x)


# ---------------------------------------------------------------- ONNX export


def export_onnx(model: DecoderLM, path: Path, doc: str) -> onnx.ModelProto:
    """Writes the graph node by node; returns the checked ModelProto."""
    c = model.cfg
    T, D, V = c["context"], c["d_model"], c["vocab"]
    nodes, inits = [], []

    def init(name, array, dtype=np.float32):
        inits.append(numpy_helper.from_array(np.asarray(array, dtype=dtype), name))
        return name

    def node(op, inputs, output, **attrs):
        nodes.append(helper.make_node(op, inputs, [output], name=f"{op}:{output}", **attrs))
        return output

    def param(t):
        return t.detach().cpu().numpy()

    def linear(x, lin: nn.Linear, out, prefix):
        # x @ W^T + b, with W^T stored as the initializer so MatMul needs no Transpose.
        w = init(f"{prefix}.weight_t", param(lin.weight).T)
        b = init(f"{prefix}.bias", param(lin.bias))
        mm = node("MatMul", [x, w], f"{out}/matmul")
        return node("Add", [mm, b], out)

    ids = node("Cast", ["tokens"], "ids", to=TensorProto.INT64)
    tok_w = init("tok.weight", param(model.tok.weight))
    node("Gather", [tok_w, ids], "tok_emb", axis=0)
    # Positions are fixed (T = context), so the table is a constant; Identity makes it
    # a node output (an initializer cannot be a graph output everywhere).
    pos = init("pos.table", param(model.pos[:T]).reshape(1, T, D))
    node("Identity", [pos], "pos_emb")
    x = node("Add", ["tok_emb", "pos_emb"], "embed")

    causal = init("causal_mask", param(model.causal[:T, :T]).reshape(1, T, T), dtype=np.bool_)
    neg_inf = init("neg_inf", np.float32(-np.inf))
    sqrt_dk = init("sqrt_dk", np.float32(math.sqrt(c["d_k"])))
    for l, blk in enumerate(model.blocks):
        head_outs = []
        for h, head in enumerate(blk.heads):
            p = f"l{l}.h{h}"
            q = linear(x, head.q, f"{p}.q", f"{p}.wq")
            k = linear(x, head.k, f"{p}.k", f"{p}.wk")
            v = linear(x, head.v, f"{p}.v", f"{p}.wv")
            kt = node("Transpose", [k], f"{p}.k_t", perm=[0, 2, 1])
            node("MatMul", [q, kt], f"{p}.scores")
            node("Div", [f"{p}.scores", sqrt_dk], f"{p}.scaled")
            node("Where", [causal, f"{p}.scaled", neg_inf], f"{p}.masked")
            node("Softmax", [f"{p}.masked"], f"{p}.weights", axis=-1)
            head_outs.append(node("MatMul", [f"{p}.weights", v], f"{p}.out"))
        p = f"l{l}"
        node("Concat", head_outs, f"{p}.concat", axis=-1)
        linear(f"{p}.concat", blk.proj, f"{p}.proj", f"{p}.wo")
        node("Add", [x, f"{p}.proj"], f"{p}.resid1")
        node("LayerNormalization",
             [f"{p}.resid1", init(f"{p}.norm1.gamma", param(blk.norm1.weight)),
              init(f"{p}.norm1.beta", param(blk.norm1.bias))],
             f"{p}.norm1", axis=-1, epsilon=LN_EPS)  # fmt: skip
        hid = linear(f"{p}.norm1", blk.fc1, f"{p}.mlp_pre", f"{p}.fc1")
        node("Relu", [hid], f"{p}.mlp_hidden")
        linear(f"{p}.mlp_hidden", blk.fc2, f"{p}.mlp_out", f"{p}.fc2")
        node("Add", [f"{p}.norm1", f"{p}.mlp_out"], f"{p}.resid2")
        x = node("LayerNormalization",
                 [f"{p}.resid2", init(f"{p}.norm2.gamma", param(blk.norm2.weight)),
                  init(f"{p}.norm2.beta", param(blk.norm2.bias))],
                 f"{p}.norm2", axis=-1, epsilon=LN_EPS)  # fmt: skip
    if model.lm_head is None:
        wt = node("Transpose", [tok_w], "tok.weight_t", perm=[1, 0])
        mm = node("MatMul", [x, wt], "logits/matmul")
        node("Add", [mm, init("lm.bias", param(model.lm_bias))], "logits")
    else:
        linear(x, model.lm_head, "logits", "lm")

    shapes = stage_shapes(c)
    graph = helper.make_graph(
        nodes,
        path.stem,
        [helper.make_tensor_value_info("tokens", TensorProto.FLOAT, [1, T])],
        [helper.make_tensor_value_info(n, TensorProto.FLOAT, s) for n, s in shapes.items()],
        initializer=inits,
    )
    proto = helper.make_model(
        graph,
        opset_imports=[helper.make_opsetid("", OPSET)],
        producer_name="glassbox models/recipes/attn_common.py",
        doc_string=doc,
    )
    proto.ir_version = 8
    onnx.checker.check_model(proto, full_check=True)
    allowed = {"Cast", "Gather", "Identity", "Add", "MatMul", "Transpose", "Div", "Where",
               "Softmax", "Concat", "LayerNormalization", "Relu"}  # fmt: skip
    ops = {n.op_type for n in proto.graph.node}
    assert ops <= allowed, ops - allowed
    onnx.save(proto, str(path))
    return proto


def stage_shapes(c) -> dict:
    T, D, H = c["context"], c["d_model"], c["heads"]
    shapes = {"tok_emb": [1, T, D], "pos_emb": [1, T, D], "embed": [1, T, D]}
    head = {"q": c["d_k"], "k": c["d_k"], "v": c["d_v"], "scores": T, "scaled": T,
            "masked": T, "weights": T, "out": c["d_v"]}  # fmt: skip
    layer = {"concat": H * c["d_v"], "proj": D, "resid1": D, "norm1": D,
             "mlp_hidden": c["d_ff"], "mlp_out": D, "resid2": D, "norm2": D}  # fmt: skip
    for l in range(c["layers"]):
        for h in range(H):
            for p in HEAD_PARTS:
                shapes[f"l{l}.h{h}.{p}"] = [1, T, head[p]]
        for p in LAYER_PARTS:
            shapes[f"l{l}.{p}"] = [1, T, layer[p]]
    shapes["logits"] = [1, T, c["vocab"]]
    assert list(shapes) == output_names(c["layers"], H)
    return shapes


# ---------------------------------------------------------------- cards and fixtures

DESCRIPTIONS = {
    "tok_emb": "token embedding: one learned row of the embedding matrix per input token",
    "pos_emb": "positional encoding added to each token embedding",
    "embed": "tok_emb + pos_emb, the first layer's input",
    "q": "query of this head: input @ W_Q + b_Q",
    "k": "key of this head: input @ W_K + b_K",
    "v": "value of this head: input @ W_V + b_V",
    "scores": "q @ kᵀ: how well each query position matches each key position",
    "scaled": "scores ÷ √d_k",
    "masked": "scaled with -Infinity above the diagonal (a position cannot see later ones)",
    "weights": "softmax of each masked row: attention weights, each row sums to 1",
    "out": "weights @ v: the head's output per position",
    "concat": "the heads' outputs side by side",
    "proj": "concat @ W_O + b_O, the output projection",
    "resid1": "block input + proj (residual connection)",
    "norm1": "LayerNorm(resid1)",
    "mlp_hidden": "ReLU(norm1 @ W_1 + b_1), the feed-forward hidden layer",
    "mlp_out": "mlp_hidden @ W_2 + b_2",
    "resid2": "norm1 + mlp_out (residual connection)",
    "norm2": "LayerNorm(resid2): the block's output, the next layer's input",
    "logits": "unnormalised score of every vocabulary entry as the next token, per position",
}


def card_outputs(c) -> list:
    rows = []
    for name, shape in stage_shapes(c).items():
        part = name.split(".")[-1]
        rows.append({"name": name, "shape": shape, "layer": part,
                     "description": DESCRIPTIONS[part]})  # fmt: skip
    return rows


def architecture(c) -> dict:
    return {"kind": "decoder", "layers": c["layers"], "heads": c["heads"],
            "dModel": c["d_model"], "dK": c["d_k"], "dV": c["d_v"], "dFF": c["d_ff"],
            "context": c["context"], "norm": "post", "positional": c["positional"],
            "activation": "relu"}  # fmt: skip


def file_facts(path: Path) -> dict:
    data = path.read_bytes()
    return {"sha256": hashlib.sha256(data).hexdigest(), "sizeBytes": len(data)}


def sig7(values):
    """7 significant digits; -Infinity as the string "-Infinity" (JSON has no infinity)."""
    out = []
    for v in values:
        if v == float("-inf"):
            out.append("-Infinity")
        else:
            assert math.isfinite(v), v
            out.append(float(f"{v:.7g}"))
    return out


@torch.no_grad()
def fixture_case(model, ids, label, source, text, names=None, rows=None):
    """One golden case. rows: keep only the first `rows` positions (axis 1) of each
    output, to keep big outputs (T x T maps, a 3,000-way vocabulary) out of git."""
    c = model.cfg
    T = c["context"]
    x = torch.tensor([ids], dtype=torch.float32)
    assert x.shape == (1, T)
    _, stages = model.stages(x)
    outputs = {}
    for name in names or list(stages):
        t = stages[name]
        kept = t[:, :rows] if rows else t
        entry = {"shape": list(t.shape)}
        if rows:
            entry["rows"] = rows
        entry["data"] = sig7(kept.flatten().tolist())
        outputs[name] = entry
    return {
        "label": label,
        "source": source,
        "text": text,
        "input": {"name": "tokens", "shape": [1, T], "data": [float(i) for i in ids]},
        "outputs": outputs,
    }


def write_fixture(name: str, cases: list) -> Path:
    golden = {
        "model": name,
        "tolerance": 1e-4,
        "generatedBy": f"PyTorch {torch.__version__}",
        "cases": cases,
    }
    path = MODELS_DIR / "fixtures" / f"{name}.golden.json"
    path.parent.mkdir(exist_ok=True)
    path.write_text(json.dumps(golden, separators=(",", ":"), ensure_ascii=False) + "\n")
    return path


def pretty_json(value, indent=0, prefix=0, width=80):
    """Like json.dumps(indent=2), but an array of scalars stays on one line when it
    fits in `width`, as Prettier formats JSON (same helper as mnist_cnn.py)."""
    pad = " " * indent
    if isinstance(value, dict) and value:
        items = []
        for k, v in value.items():
            head = f"{pad}  {json.dumps(k, ensure_ascii=False)}: "
            items.append(head + pretty_json(v, indent + 2, len(head)))
        return "{\n" + ",\n".join(items) + f"\n{pad}}}"
    if isinstance(value, list) and value:
        flat = json.dumps(value, separators=(", ", ": "), ensure_ascii=False)
        if all(not isinstance(v, (dict, list)) for v in value) and prefix + len(flat) + 1 <= width:
            return flat
        items = [f"{pad}  " + pretty_json(v, indent + 2, indent + 2) for v in value]
        return "[\n" + ",\n".join(items) + f"\n{pad}]"
    return json.dumps(value, ensure_ascii=False)


def write_card(name: str, card: dict) -> Path:
    path = MODELS_DIR / f"{name}.json"
    path.write_text(pretty_json(card) + "\n", encoding="utf-8")
    return path


def param_count(model) -> int:
    # The sinusoidal table and the causal mask are buffers, not parameters.
    return sum(p.numel() for p in model.parameters())
