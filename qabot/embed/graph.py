"""Rewrites of the exported ONNX graph: fusion by ONNX Runtime's transformer optimizer, and int8
quantization with one activation scale per row.

ONNX Runtime's own dynamic quantization gives a whole batch one activation scale, so a text's vector
would depend on the texts batched with it (cosine 0.95 for a word alone and in a batch). Here every
MatMul by a weight becomes

    x -> scale = max|x| / 127 per row (per word piece) -> round(x / scale) + 128 as uint8
      -> MatMulInteger by int8 weights (one scale per output column, zero point 0) -> float
      -> times the column scales and the row scale

so each word piece is quantized on its own: the same text gives the same vector in any batch, and int8
can batch. The integer product is VNNI's u8 x s8 kernel. The fused Attention operators (their query,
key and value projection, a quarter of the weights' work, and the scores) stay fp32: unfusing them to
quantize the projection measured no faster and further from fp32 (cosine 0.9946 on average, against
0.9976 like this).
"""

from __future__ import annotations

import logging
from pathlib import Path


def fuse(source: Path, target: Path, heads: int, hidden: int) -> None:
    """Attention, embedding and skip layer norms and GELU become single fused operators: fewer passes
    over memory."""
    from onnxruntime.transformers.optimizer import optimize_model

    logging.getLogger("onnxruntime.transformers").setLevel(logging.ERROR)
    optimized = optimize_model(str(source), model_type="bert", num_heads=heads, hidden_size=hidden, opt_level=1)
    optimized.save_model_to_file(str(target))


def quantize_rows(source: Path, target: Path) -> None:
    """Every MatMul whose second input is a weight (an initializer) quantized as the module says; the
    rows of an activation feeding several MatMuls are quantized once."""
    import numpy as np
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    model = onnx.load(str(source))
    weights = {init.name: init for init in model.graph.initializer}
    constants = {"rowq_zero": np.array(128, dtype=np.uint8), "rowq_tiny": np.array(1e-8, dtype=np.float32),
                 "rowq_127": np.array(127.0, dtype=np.float32), "rowq_128": np.array(128.0, dtype=np.float32)}
    added = [numpy_helper.from_array(value, name) for name, value in constants.items()]
    nodes, rows, replaced = [], {}, set()
    for node in model.graph.node:
        if node.op_type != "MatMul" or node.input[1] not in weights:
            nodes.append(node)
            continue
        x, w_name, out = node.input[0], node.input[1], node.output[0]
        if x not in rows:
            p = f"rowq{len(rows)}"
            nodes += [helper.make_node("Abs", [x], [p + "_abs"]),
                      helper.make_node("ReduceMax", [p + "_abs"], [p + "_max"], axes=[-1], keepdims=1),
                      helper.make_node("Max", [p + "_max", "rowq_tiny"], [p + "_top"]),
                      helper.make_node("Div", [p + "_top", "rowq_127"], [p + "_scale"]),
                      helper.make_node("Div", [x, p + "_scale"], [p + "_scaled"]),
                      helper.make_node("Round", [p + "_scaled"], [p + "_round"]),
                      helper.make_node("Add", [p + "_round", "rowq_128"], [p + "_shift"]),
                      helper.make_node("Cast", [p + "_shift"], [p + "_u8"], to=TensorProto.UINT8)]
            rows[x] = (p + "_u8", p + "_scale")
        x_u8, x_scale = rows[x]
        w = numpy_helper.to_array(weights[w_name]).astype(np.float32)
        w_scale = (np.maximum(np.abs(w).max(axis=0), 1e-12) / 127.0).astype(np.float32)
        added += [numpy_helper.from_array(np.clip(np.round(w / w_scale), -127, 127).astype(np.int8), w_name + "_q"),
                  numpy_helper.from_array(w_scale, w_name + "_scale")]
        replaced.add(w_name)
        nodes += [helper.make_node("MatMulInteger", [x_u8, w_name + "_q", "rowq_zero"], [out + "_i32"]),
                  helper.make_node("Cast", [out + "_i32"], [out + "_f32"], to=TensorProto.FLOAT),
                  helper.make_node("Mul", [out + "_f32", w_name + "_scale"], [out + "_cols"]),
                  helper.make_node("Mul", [out + "_cols", x_scale], [out])]
    kept = [init for init in model.graph.initializer if init.name not in replaced]
    del model.graph.node[:]
    model.graph.node.extend(nodes)
    del model.graph.initializer[:]
    model.graph.initializer.extend(kept + added)
    onnx.save(model, str(target))
