# From keirp/automatic_prompt_engineer (commit eac521c79a78965245ce7745dcc9f6b0792c7ec7), MIT.
# Original path: automatic_prompt_engineer/data.py (create_split left out).
import random


def subsample_data(data, subsample_size):
    """
    Subsample data. Data is in the form of a tuple of lists.
    """
    inputs, outputs = data
    assert len(inputs) == len(outputs)
    indices = random.sample(range(len(inputs)), subsample_size)
    inputs = [inputs[i] for i in indices]
    outputs = [outputs[i] for i in indices]
    return inputs, outputs


