"""`python -m deltann_converters {run,convert,zoo,tvm-sweep,relax-json}`: the helper CLI the Swift `Backends` spawn.

Exit status 0 on success; 2 with a one-line JSON error `{"error": kind, "message": ...}` as the
last line of stderr on any failure. Progress lines (`progress <done>/<total> <what>`) go to stderr.
"""

import argparse
import os
import sys
import traceback
from typing import NoReturn

from .errors import HelperError


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise HelperError("usage", f"{self.prog}: {message}")


def parser() -> Parser:
    root = Parser(prog="deltann_converters", description=(__doc__ or "").splitlines()[0])
    commands = root.add_subparsers(dest="command", required=True, parser_class=Parser)

    run = commands.add_parser("run", help="run a model and record its activations")
    run.add_argument("--framework", required=True, choices=["keras", "torch", "onnxruntime", "tvm"])
    run.add_argument("--model", required=True, help=".keras/.h5, .pt2 or .onnx")
    run.add_argument("--inputs", required=True, help=".npz with key 'input' (batch first) or .npy")
    run.add_argument("--capture", default="output", choices=["all", "output"],
                     help="every layer's output, or the model output only (default)")
    run.add_argument("--out", required=True, help="activations .npz; its sidecar is the same name with .json")
    run.add_argument("--repeat", type=int, default=1, help="timing passes over the inputs (0: no timing)")
    run.add_argument("--threads", type=int, default=0,
                     help="intra-op threads for the framework (default: its own choice); 1 gives steady timings")
    run.add_argument("--force", action="store_true", help="overwrite existing outputs")
    run.add_argument("--opt-level", type=int, choices=[0, 1, 2, 3], help="TVM only: PassContext opt level (0)")
    run.add_argument("--pipeline", choices=["zero", "default_build"], help="TVM only: Relax pipeline (zero)")
    run.add_argument("--input-layout", choices=["NHWC", "NCHW"],
                     help="TVM only: the layout of the inputs' 4-D arrays; transposed when the module takes the other")

    sweep = commands.add_parser("tvm-sweep", help="build and time a model in TVM at several opt levels")
    sweep.add_argument("--model", required=True, help="our TVM folder, .onnx or .pt2")
    sweep.add_argument("--inputs", required=True, help=".npz with key 'input' (batch first) or .npy")
    sweep.add_argument("--levels", default="0,1,2,3", help="comma-separated opt levels (0,1,2,3)")
    sweep.add_argument("--pipeline", default="zero", choices=["zero", "default_build"])
    sweep.add_argument("--repeat", type=int, default=3, help="timing passes over the inputs")
    sweep.add_argument("--threads", type=int, default=0)
    sweep.add_argument("--out", required=True, help="report .json")
    sweep.add_argument("--force", action="store_true")

    relax_json = commands.add_parser("relax-json", help="write a Relax module's dataflow as JSON")
    relax_json.add_argument("--model", required=True, help="our TVM folder, .onnx or .pt2")
    relax_json.add_argument("--out", required=True, help=".json")
    relax_json.add_argument("--params", help=".npz for the weight parameters and the constants too large for the JSON")
    relax_json.add_argument("--force", action="store_true")

    convert = commands.add_parser("convert", help="convert with a peer converter")
    convert.add_argument("--with", dest="tool", required=True, choices=["tf2onnx", "torch.onnx"])
    convert.add_argument("--model", required=True)
    convert.add_argument("--out", required=True, help=".onnx; its sidecar is the same name with .json")
    convert.add_argument("--opset", type=int, default=17)
    convert.add_argument("--force", action="store_true")

    zoo = commands.add_parser("zoo", help="save a full-size architecture with seeded random weights")
    zoo.add_argument("--arch", required=True, choices=["mobilenetv2", "resnet101v2", "densenet121", "inceptionv3"])
    zoo.add_argument("--framework", required=True, choices=["keras", "torch"])
    zoo.add_argument("--out", required=True, help="folder (created)")
    zoo.add_argument("--seed", type=int, default=0)
    zoo.add_argument("--no-convert", action="store_true", help="skip the peer conversion")
    return root


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    try:
        args = parser().parse_args(argv)
        if args.command == "run":
            from .run import run
            run(args.framework, args.model, args.inputs, args.out, args.capture, args.repeat, args.force,
                args.threads, args.opt_level, args.pipeline, args.input_layout)
        elif args.command == "convert":
            from .convert import convert
            convert(args.tool, args.model, args.out, args.opset, args.force)
        elif args.command == "tvm-sweep":
            from .run import tvm_sweep
            tvm_sweep(args.model, args.inputs, args.levels, args.pipeline, args.repeat, args.out, args.force,
                      args.threads)
        elif args.command == "relax-json":
            from .relax_json import export
            export(args.model, args.out, args.params, args.force)
        else:
            from .zoo import zoo
            zoo(args.arch, args.framework, args.out, args.seed, convert=not args.no_convert)
    except HelperError as error:
        error.report()
        return 2
    except Exception as error:  # a framework or helper bug: keep the traceback, still end in JSON
        traceback.print_exc()
        HelperError("framework", f"{type(error).__name__}: {error}").report()
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
