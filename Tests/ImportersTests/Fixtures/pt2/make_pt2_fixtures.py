"""Regenerates the .pt2 fixtures of ImportersTests and what torch says about them.

Run: <venv>/bin/python make_pt2_fixtures.py (the venv of scripts/setup-python.sh)  (torch 2.13, CPU). Deterministic (fixed seed).
tiny.pt2 is torch.export.save of the training IR, tiny.core.pt2 after run_decompositions();
tiny.expected.json records, from torch itself: every state-dict tensor (shape, strides, values),
every FX node (name, target, module path), the input and the output.
"""
import json
import torch
import torch.nn as nn


class Tiny(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 4, 3, padding=1)
        self.bn = nn.BatchNorm2d(4)
        self.relu = nn.ReLU(inplace=True)
        # A parameter that is a transposed (non-contiguous) view: stored strided.
        self.fc_w = nn.Parameter(torch.randn(4, 5).t())
        # Two buffers viewing one storage at different offsets.
        base = torch.linspace(0.5, 2.0, 8)
        self.register_buffer("scale", base[0:4])
        self.register_buffer("shift", base[4:8])

    def forward(self, x):
        x = self.relu(self.bn(self.conv(x)))
        x = x * self.scale.view(1, 4, 1, 1) + self.shift.view(1, 4, 1, 1)
        x = x.mean(dim=(2, 3))
        return torch.softmax(x @ self.fc_w.t(), dim=1)


def module_path(node):
    stack = node.meta.get("nn_module_stack") or {}
    return list(stack.values())[-1][0] if stack else ""


def main():
    torch.manual_seed(0)
    model = Tiny().eval()
    with torch.no_grad():
        model.bn.running_mean.uniform_(-0.5, 0.5)
        model.bn.running_var.uniform_(0.5, 1.5)
    x = torch.randn(1, 3, 6, 6)
    ep = torch.export.export(model, (x,))
    torch.export.save(ep, "tiny.pt2")
    core = ep.run_decompositions()
    torch.export.save(core, "tiny.core.pt2")
    signature = ep.graph_signature
    placeholder = {name: ph for ph, name in {**signature.inputs_to_parameters, **signature.inputs_to_buffers}.items()}
    expected = {
        "state_dict": {
            k: {"placeholder": placeholder[k], "shape": list(v.shape), "strides": list(v.stride()),
                "storage_offset": v.storage_offset(), "values": v.detach().flatten().tolist()}
            for k, v in ep.state_dict.items()
        },
        "input": {"shape": list(x.shape), "values": x.flatten().tolist()},
        "output": {"shape": list(model(x).shape), "values": model(x).detach().flatten().tolist()},
    }
    for key, program in [("nodes", ep), ("core_nodes", core)]:
        expected[key] = [
            {"name": n.name, "target": str(n.target), "module": module_path(n)}
            for n in program.graph.nodes if n.op == "call_function"
        ]
    with open("tiny.expected.json", "w") as f:
        json.dump(expected, f, indent=1)


if __name__ == "__main__":
    main()
