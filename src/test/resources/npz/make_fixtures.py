# Regenerates the small .npz fixtures of NpzSketchReaderTest with numpy 2 (which pickles through
# numpy._core.multiarray, protocol 4): python3 make_fixtures.py
import numpy as np


def objects(*items):
    a = np.empty(len(items), dtype=object)
    for i, x in enumerate(items):
        a[i] = x
    return a


# A well-formed file: int16 and float64 sketches, an empty test split.
np.savez("numpy2-small.npz",
         train=objects(np.array([[1, 2, 0], [3, -4, 1]], dtype=np.int16),
                       np.array([[0.5, -1.25, 0], [2, 3, 0], [-7, 8, 1]], dtype=np.float64)),
         valid=objects(np.array([[10, 20, 1]], dtype=np.int16)),
         test=objects())
# Sketches of the wrong shape: (4, 2).
np.savez("bad-shape.npz", train=objects(np.zeros((4, 2), dtype=np.int16)), valid=objects(), test=objects())
# train.npy is a plain int16 array, not an object array of sketches.
np.savez("not-object.npz", train=np.zeros((5, 3), dtype=np.int16), valid=objects(), test=objects())
# An object array that holds other things than arrays.
np.savez("not-arrays.npz", train=objects("a sheep", 3), valid=objects(), test=objects())
