"""Writes conv_graph.torch.json: random convolution-sandbox configurations (conv or
transposed conv -> activation -> optional pooling) with PyTorch's outputs at every stage.
src/runtime/graph/conv.test.ts runs each through convGraph + onnxruntime-web.

Run from the repository root, then format the output as the rest of the tree:
  /usr/bin/python3 src/runtime/graph/testdata/dump_conv_cases.py
  npx prettier --write src/runtime/graph/testdata/conv_graph.torch.json
"""
import json
import os
import random

import torch
import torch.nn.functional as F

here = os.path.dirname(os.path.abspath(__file__))
random.seed(7)
torch.manual_seed(7)

ACT = {
    'none': lambda t: t,
    'relu': F.relu,
    'leakyrelu': lambda t: F.leaky_relu(t, 0.01),
    'sigmoid': torch.sigmoid,
    'tanh': torch.tanh,
}


def flat(t):
    # 6 significant digits: far below the 1e-4 tolerance, and a third of the file size.
    return [float('%.6g' % v) for v in t.reshape(-1).tolist()]


def randn(*shape):
    # Two decimals, so inputs are short in the file; the float32 of the printed value is
    # what both PyTorch here and the test feed in.
    return torch.round(torch.randn(*shape) * 100) / 100


cases = []
while len(cases) < 30:
    i = len(cases)
    spec = {
        'inChannels': random.randint(1, 3),
        'outChannels': random.randint(1, 3),
        'height': random.randint(3, 7),
        'width': random.randint(3, 7),
        'kernelH': random.randint(1, 3),
        'kernelW': random.randint(1, 3),
        'stride': random.randint(1, 3),
        'padding': random.randint(0, 2),
        'dilation': random.randint(1, 2),
        'transposed': i % 3 == 2,
        'activation': list(ACT)[i % 5],
        'pool': ['none', 'max', 'avg'][(i // 5) % 3],
        'poolSize': random.randint(1, 3),
        'poolStride': random.randint(1, 2),
    }
    s = spec
    x = randn(1, s['inChannels'], s['height'], s['width'])
    if s['transposed']:
        w = randn(s['inChannels'], s['outChannels'], s['kernelH'], s['kernelW'])
    else:
        w = randn(s['outChannels'], s['inChannels'], s['kernelH'], s['kernelW'])
    b = randn(s['outChannels'])
    try:
        if s['transposed']:
            conv = F.conv_transpose2d(x, w, b, stride=s['stride'], padding=s['padding'],
                                      output_padding=0, dilation=s['dilation'])
        else:
            conv = F.conv2d(x, w, b, stride=s['stride'], padding=s['padding'],
                            dilation=s['dilation'])
        if conv.numel() == 0:
            continue
        act = ACT[s['activation']](conv)
        pool = None
        if s['pool'] == 'max':
            pool = F.max_pool2d(act, s['poolSize'], s['poolStride'])
        elif s['pool'] == 'avg':
            pool = F.avg_pool2d(act, s['poolSize'], s['poolStride'])
        if pool is not None and pool.numel() == 0:
            continue
    except RuntimeError:
        continue  # an empty output: convGraph's own tests cover the error
    cases.append({
        'name': 'case %d' % i,
        'spec': spec,
        'x': [round(v, 2) for v in x.reshape(-1).tolist()],
        'w': [round(v, 2) for v in w.reshape(-1).tolist()],
        'b': [round(v, 2) for v in b.reshape(-1).tolist()],
        'conv': {'shape': list(conv.shape), 'data': flat(conv)},
        'act': {'shape': list(act.shape), 'data': flat(act)},
        'pool': None if pool is None else {'shape': list(pool.shape), 'data': flat(pool)},
    })

out = {
    'generatedBy': 'src/runtime/graph/testdata/dump_conv_cases.py (torch %s)' % torch.__version__,
    'tolerance': 1e-4,
    'cases': cases,
}
with open(os.path.join(here, 'conv_graph.torch.json'), 'w') as f:
    json.dump(out, f)
    f.write('\n')
