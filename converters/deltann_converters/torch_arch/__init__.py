"""Full-size torch.nn definitions faithful to torchvision's (which cannot be imported here: its
wheels are built against CUDA torch). One file per architecture; `ARCHS` is the registry."""

from .densenet import densenet121
from .inception import inception_v3
from .mobilenetv2 import mobilenet_v2
from .resnet import resnet101

# name -> (constructor, NCHW input shape of one image)
ARCHS = {
    "mobilenetv2": (mobilenet_v2, (3, 224, 224)),
    "resnet101": (resnet101, (3, 224, 224)),
    "densenet121": (densenet121, (3, 224, 224)),
    "inceptionv3": (inception_v3, (3, 299, 299)),
}
