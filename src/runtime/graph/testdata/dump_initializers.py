"""Dumps models/mnist_cnn.onnx's initializers, as the onnx package reads them, into
mnist_cnn.initializers.json: for every tensor its shape, float64 sum and a few spot values,
and the full data of the small ones. readInitializers is tested against this file.

Run from the repository root, then format the output as the rest of the tree:
  /usr/bin/python3 src/runtime/graph/testdata/dump_initializers.py
  npx prettier --write src/runtime/graph/testdata/mnist_cnn.initializers.json
"""
import hashlib
import json
import os

import numpy as np
import onnx
import onnx.numpy_helper

here = os.path.dirname(os.path.abspath(__file__))
path = os.path.join(here, '..', '..', '..', '..', 'models', 'mnist_cnn.onnx')
with open(path, 'rb') as f:
    raw = f.read()
model = onnx.load_from_string(raw)
tensors = {}
for init in model.graph.initializer:
    a = onnx.numpy_helper.to_array(init).astype(np.float32)
    flat = a.reshape(-1)
    picks = sorted({0, flat.size // 3, flat.size // 2, flat.size - 1})
    entry = {
        'shape': list(a.shape),
        'sum': float(flat.astype(np.float64).sum()),
        'spot': [[i, float(flat[i])] for i in picks],
    }
    if flat.size <= 300:
        entry['data'] = [float(x) for x in flat]
    tensors[init.name] = entry
out = {
    'generatedBy': 'src/runtime/graph/testdata/dump_initializers.py (onnx %s)' % onnx.__version__,
    'model': 'models/mnist_cnn.onnx',
    'sha256': hashlib.sha256(raw).hexdigest(),
    'tensors': tensors,
}
with open(os.path.join(here, 'mnist_cnn.initializers.json'), 'w') as f:
    json.dump(out, f, indent=1)
    f.write('\n')
