"""Makes the small ONNX files of this folder with the Python `onnx` package (1.23.2).

They are what modern producers write (IR >= 9): fields the system's onnx.proto 1.12 does not
know (NodeProto.overload / metadata_props, ValueInfoProto.metadata_props, FunctionProto
attribute_proto / value_info, GraphProto.metadata_props), newer element types, and external
data. Run with the project's venv:  <repository>/.venv/bin/python make_fixtures.py
The outputs are committed; the Swift tests need no Python.
"""
import os

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

HERE = os.path.dirname(os.path.abspath(__file__))


def entry(key, value):
    e = onnx.StringStringEntryProto()
    e.key, e.value = key, value
    return e


def ir10_metadata():
    """IR 10 / opset 21 with metadata everywhere and a model-local function with an overload."""
    w = numpy_helper.from_array(np.arange(6, dtype=np.float32).reshape(2, 3), name="a_weight")
    node = helper.make_node("MatMul", ["x", "a_weight"], ["h"], name="mm", doc_string="a matmul")
    node.metadata_props.extend([entry("source", "layer1")])
    call = helper.make_node("Scale", ["h"], ["y"], name="call", domain="custom", overload="v2")
    fn = helper.make_function(
        "custom", "Scale", ["t"], ["u"],
        [helper.make_node("Mul", ["t", "t"], ["u"], name="square")],
        opset_imports=[helper.make_opsetid("", 21)], attributes=[], overload="v2")
    fn.value_info.extend([helper.make_tensor_value_info("t", TensorProto.FLOAT, [1, 3])])
    x = helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", 2])
    x.metadata_props.extend([entry("layout", "NC")])
    y = helper.make_tensor_value_info("y", TensorProto.FLOAT, ["batch", 3])
    graph = helper.make_graph([node, call], "ir10", [x], [y], [w])
    graph.metadata_props.extend([entry("graph_key", "graph_value")])
    model = helper.make_model(
        graph, ir_version=10, producer_name="make_fixtures", producer_version="1",
        opset_imports=[helper.make_opsetid("", 21), helper.make_opsetid("custom", 1)], functions=[fn])
    helper.set_model_props(model, {"author": "deltann tests"})
    return model


def ir9_float8():
    """IR 9 / opset 19: a float8 initializer (raw bytes) cast back to float32."""
    f8 = helper.make_tensor("f8", TensorProto.FLOAT8E4M3FN, [4], bytes([0x38, 0x40, 0xb8, 0x00]), raw=True)
    node = helper.make_node("Cast", ["f8"], ["y"], name="cast", to=TensorProto.FLOAT, saturate=1)
    y = helper.make_tensor_value_info("y", TensorProto.FLOAT, [4])
    graph = helper.make_graph([node], "ir9", [], [y], [f8])
    return helper.make_model(graph, ir_version=9, producer_name="make_fixtures",
                             opset_imports=[helper.make_opsetid("", 19)])


def external_data(folder):
    """IR 8 / opset 17 with both initializers in one external file (`weights.bin`)."""
    w = numpy_helper.from_array(np.linspace(-1, 1, 12, dtype=np.float32).reshape(3, 4), name="w")
    b = numpy_helper.from_array(np.arange(4, dtype=np.float32), name="z_bias")
    nodes = [helper.make_node("MatMul", ["x", "w"], ["h"], name="mm"),
             helper.make_node("Add", ["h", "z_bias"], ["y"], name="add")]
    graph = helper.make_graph(
        nodes, "external", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 3])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 4])], [w, b])
    model = helper.make_model(graph, ir_version=8, producer_name="make_fixtures",
                              opset_imports=[helper.make_opsetid("", 17)])
    os.makedirs(folder, exist_ok=True)
    onnx.save_model(model, os.path.join(folder, "model.onnx"), save_as_external_data=True,
                    all_tensors_to_one_file=True, location="weights.bin", size_threshold=0)


def main():
    for name, model in [("ir10_metadata.onnx", ir10_metadata()), ("ir9_float8.onnx", ir9_float8())]:
        onnx.save_model(model, os.path.join(HERE, name))
    external_data(os.path.join(HERE, "external"))
    for name in ["ir10_metadata.onnx", "ir9_float8.onnx", "external/model.onnx"]:
        onnx.checker.check_model(os.path.join(HERE, name), full_check=True)
        print("wrote", name)


if __name__ == "__main__":
    main()
