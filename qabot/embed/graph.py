"""Rewrites of the exported ONNX graph: fusion by ONNX Runtime's transformer optimizer, and int8
quantization with one activation scale per row.

ONNX Runtime's own dynamic quantization gives a whole batch one activation scale, so a text's vector
would depend on the texts batched with it (cosine 0.95 for a word alone and in a batch). Here every
MatMul by a weight becomes

    x [rows, K] -> scale = max|x| / 127 per row (per word piece)
      -> QuantizeLinear per row (axis 0; zero point 128) -> uint8
      -> MatMulIntegerToFloat by int8 weights (one scale per output column; the row scale [rows, 1]
         as its a_scale, by which ONNX Runtime multiplies the output) -> + bias

so each word piece is quantized on its own: the same text gives the same vector in any batch, and int8
can batch (the hidden states are kept as [rows, hidden] between the embeddings and the pooling, so
none of this needs a Reshape: recipe 6, 378 operators a window instead of recipe 5's 643, the same
vectors to the last bit, 5.8% less time a window on one thread). The integer product is VNNI's u8 x s8
kernel. Attention is left unfused so that its query, key and value projections are quantized too;
the scores (activation x activation) stay fp32.

Measured against each other in one process (the windows of 60 SciFact abstracts and 1,500 words,
medians of 4, 2 loaded cores): this graph encodes the windows about 15% slower than ONNX Runtime's
per-batch quantization run one text at a time (the only way that gave batch-independent vectors), and
words 1.7-1.9x as fast; cosine to fp32 0.9976 against 0.9950. Keeping attention fused (its projections
in fp32) measured cosine 0.9991 but 15-25% slower; plain Round/Cast/Mul nodes instead of QuantizeLinear
and MatMulIntegerToFloat, about 10% slower.

The int8 graph's SkipLayerNormalization nodes (residual add + layer norm, fused by the optimizer) are
split back into Sum and LayerNormalization (`unfuse_skip_layer_norm`): ONNX Runtime 1.32's CPU kernel
of the fused node took 300 us on [1, 190, 384] on one thread, Add + LayerNormalization 40 us; 23% of
the int8 encoder's time went there (profiled). The fp32 graph keeps it: there its removal measured
no gain (windows of 150 SciFact abstracts, 2 loaded cores).
"""

from __future__ import annotations

import logging
from pathlib import Path


def fuse(source: Path, target: Path, heads: int, hidden: int, attention: bool = True) -> None:
    """Embedding and skip layer norms and GELU (and attention, if `attention`) become single fused
    operators: fewer passes over memory."""
    from onnxruntime.transformers.fusion_options import FusionOptions
    from onnxruntime.transformers.optimizer import optimize_model

    logging.getLogger("onnxruntime.transformers").setLevel(logging.ERROR)
    options = FusionOptions("bert")
    options.enable_attention = attention
    optimized = optimize_model(str(source), model_type="bert", num_heads=heads, hidden_size=hidden, opt_level=1,
                               optimization_options=options)
    optimized.save_model_to_file(str(target))


def unfuse_skip_layer_norm(model) -> None:
    """SkipLayerNormalization(x, skip, gamma, beta, bias) -> LayerNormalization(Sum(x, bias, skip)), in place:
    one Sum rather than two Adds (a node and a pass over the rows fewer, the same floats). The node's
    optional mean / variance / sum outputs are unused in this model; refused if not."""
    from onnx import helper

    nodes = []
    for node in model.graph.node:
        if node.op_type != "SkipLayerNormalization":
            nodes.append(node)
            continue
        if any(node.output[1:]):
            raise ValueError(f"{node.name}: SkipLayerNormalization with more than one output used")
        epsilon = next((a.f for a in node.attribute if a.name == "epsilon"), 1e-12)
        x, skip, gamma = node.input[:3]
        beta = node.input[3] if len(node.input) > 3 else ""
        p = node.output[0] + "_unfused"
        biased = [node.input[4]] if len(node.input) > 4 and node.input[4] else []
        nodes.append(helper.make_node("Sum", [x] + biased + [skip], [p + "_sum"]))
        nodes.append(helper.make_node("LayerNormalization", [p + "_sum", gamma] + ([beta] if beta else []),
                                      [node.output[0]], axis=-1, epsilon=epsilon))
    del model.graph.node[:]
    model.graph.node.extend(nodes)


def flatten_rows(model) -> None:
    """The hidden states as one [rows, hidden] matrix between the embeddings and the pooling, in place:
    every operator there but attention works row by row, so the per-row quantizers and the integer
    products need no Reshape (nor Shape / Slice / Concat to build one) around them. The embeddings' layer
    norm output is flattened once (its Shape, read for the batch and length, stays 3-D), attention's
    context is reshaped to [-1, hidden] instead of [batch, length, hidden], the last layer norm's output
    goes back to 3-D for the pooling, and the Shape nodes that read a layer's output (for the batch and
    length) read the embeddings' 3-D output instead."""
    from onnx import helper, numpy_helper
    import numpy as np

    norms = [n for n in model.graph.node if n.op_type == "LayerNormalization"]
    first, last = norms[0].output[0], norms[-1].output[0]
    weights = {init.name for init in model.graph.initializer}
    hidden = next(numpy_helper.to_array(i).shape[0] for i in model.graph.initializer if i.name == norms[0].input[1])
    model.graph.initializer.append(numpy_helper.from_array(np.array([-1, hidden], dtype=np.int64), "rows_width"))
    producers = {o: n for n in model.graph.node for o in n.output}
    for node in model.graph.node:
        if node.op_type == "MatMul" and node.input[1] in weights and producers.get(node.input[0]) is not None \
                and producers[node.input[0]].op_type == "Reshape":
            producers[node.input[0]].input[1] = "rows_width"
    stream = {n.output[0] for n in norms}
    nodes = []
    for node in model.graph.node:
        if node.op_type == "Shape" and node.input[0] in stream:
            node.input[0] = first  # the batch and length, read from the one 3-D copy
        else:
            node.input[:] = [first + "_rows" if i == first else i for i in node.input]
        if node.output[0] == last:
            node.output[0] = last + "_rows"
            nodes += [node, helper.make_node("Shape", [first], ["rows_batch_shape"]),
                      helper.make_node("Reshape", [last + "_rows", "rows_batch_shape"], [last])]
            continue
        nodes.append(node)
        if node.output[0] == first:
            nodes.append(helper.make_node("Reshape", [first, "rows_width"], [first + "_rows"]))
    del model.graph.node[:]
    model.graph.node.extend(nodes)


def _row_quantizer(helper, x: str, p: str, zeros: list) -> list:
    """Nodes quantizing activation `x` [rows, K] per row: p_u8 uint8 and p_scale [rows, 1]. The zero
    points (one per row, all 128) are made once for the graph (`zeros` empty until then)."""
    nodes = [helper.make_node("Abs", [x], [p + "_abs"]),
             helper.make_node("ReduceMax", [p + "_abs"], [p + "_max"], axes=[-1], keepdims=1),
             helper.make_node("Max", [p + "_max", "rowq_tiny"], [p + "_top"]),
             helper.make_node("Mul", [p + "_top", "rowq_inv127"], [p + "_scale"]),
             helper.make_node("Reshape", [p + "_scale", "rowq_flat"], [p + "_scale_flat"])]
    if not zeros:
        nodes += [helper.make_node("Shape", [p + "_scale_flat"], ["rowq_count"]),
                  helper.make_node("Expand", ["rowq_zero", "rowq_count"], ["rowq_zeros"])]
        zeros.append("rowq_zeros")
    return nodes + [helper.make_node("QuantizeLinear", [x, p + "_scale_flat", zeros[0]], [p + "_u8"], axis=0)]


def quantize_rows(source: Path, target: Path) -> None:
    """Every MatMul whose second input is a weight (an initializer) quantized as the module says; the
    rows of an activation feeding several MatMuls (query, key, value) are quantized once; the skip
    layer norms unfused and the hidden states kept as [rows, hidden] (`flatten_rows`). The row scale is
    MatMulIntegerToFloat's `a_scale` ([rows, 1]: ONNX Runtime multiplies its output by it); the bias
    stays a separate Add, because ONNX Runtime adds its `bias` input before that multiplication."""
    import numpy as np
    import onnx
    from onnx import helper, numpy_helper

    model = onnx.load(str(source))
    unfuse_skip_layer_norm(model)
    flatten_rows(model)
    weights = {init.name: init for init in model.graph.initializer}
    constants = {"rowq_zero": np.array(128, dtype=np.uint8), "rowq_tiny": np.array(1e-8, dtype=np.float32),
                 "rowq_inv127": np.array(1 / 127.0, dtype=np.float32), "rowq_flat": np.array([-1], dtype=np.int64)}
    added = [numpy_helper.from_array(value, name) for name, value in constants.items()]
    nodes, rows, replaced, zeros = [], {}, set(), []
    for node in model.graph.node:
        if node.op_type != "MatMul" or node.input[1] not in weights:
            nodes.append(node)
            continue
        x, w_name, out = node.input[0], node.input[1], node.output[0]
        w = numpy_helper.to_array(weights[w_name]).astype(np.float32)
        if x not in rows:
            rows[x] = f"rowq{len(rows)}"
            nodes += _row_quantizer(helper, x, rows[x], zeros)
        p = rows[x]
        w_scale = (np.maximum(np.abs(w).max(axis=0), 1e-12) / 127.0).astype(np.float32)
        added += [numpy_helper.from_array(np.clip(np.round(w / w_scale), -127, 127).astype(np.int8), w_name + "_q"),
                  numpy_helper.from_array(w_scale, w_name + "_scale")]
        replaced.add(w_name)
        nodes.append(helper.make_node("MatMulIntegerToFloat", [p + "_u8", w_name + "_q", p + "_scale",
                                                               w_name + "_scale", "rowq_zero"], [out],
                                      domain="com.microsoft"))
    kept = [init for init in model.graph.initializer if init.name not in replaced]
    del model.graph.node[:]
    model.graph.node.extend(nodes)
    del model.graph.initializer[:]
    model.graph.initializer.extend(kept + added)
    if not any(o.domain == "com.microsoft" for o in model.opset_import):
        model.opset_import.append(helper.make_opsetid("com.microsoft", 1))
    onnx.save(model, str(target))
