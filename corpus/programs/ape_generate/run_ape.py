# From keirp/automatic_prompt_engineer (commit eac521c79a78965245ce7745dcc9f6b0792c7ec7), MIT.
# Modelled on demo.py (run_ape / parse_data) and ape.simple_ape: the gradio UI, the
# instruction-induction data loader and the evaluation are left out; three small tasks are
# embedded in the demo's "input >>> output" text format, random is seeded, and each task's
# generated prompts are printed sorted.
import random

from automatic_prompt_engineer import ape
from automatic_prompt_engineer.ape import get_simple_prompt_gen_template

TASKS = {
    'antonyms': 'hot >>> cold\nup >>> down\nhappy >>> sad\nearly >>> late\nlight >>> dark',
    'singular_to_plural': 'cat >>> cats\nbox >>> boxes\nchild >>> children\nmouse >>> mice\nleaf >>> leaves',
    'first_word_letter': 'apple pie >>> a\nbanana split >>> b\ncherry tart >>> c\ndate loaf >>> d\negg roll >>> e',
}


def parse_data(dataset):
    """Parses the data from the text of a csv into two lists of strings.
    The CSV has no header and the first column is the input and the second column is the output."""
    dataset = dataset.split('\n')
    dataset = [line.split(' >>> ') for line in dataset]
    dataset = [inp for inp, _ in dataset], [out for inp, out in dataset]
    return dataset


def run_ape(prompt_gen_data, eval_data,
            eval_template='Instruction: [PROMPT]\nInput: [INPUT]\nOutput: [OUTPUT]',
            prompt_gen_template=None,
            demos_template='Input: [INPUT]\nOutput: [OUTPUT]',
            prompt_gen_model='text-davinci-002',
            prompt_gen_mode='forward',
            num_subsamples=3,
            num_demos=2,
            num_prompts_per_subsample=2):
    prompt_gen_data = parse_data(prompt_gen_data)
    eval_data = parse_data(eval_data)
    prompt_gen_template = get_simple_prompt_gen_template(prompt_gen_template, prompt_gen_mode)
    conf = {
        'generation': {
            'num_subsamples': num_subsamples,
            'num_demos': num_demos,
            'num_prompts_per_subsample': num_prompts_per_subsample,
            'model': {
                'name': 'GPT_forward',
                'batch_size': 1,
                'gpt_config': {
                    'model': prompt_gen_model,
                    'temperature': 0.9,
                    'max_tokens': 8,
                    'top_p': 0.9,
                    'frequency_penalty': 0.0,
                    'presence_penalty': 0.0,
                },
            },
        },
    }
    return ape.find_prompts(eval_template, demos_template, prompt_gen_data, eval_data, conf,
                            prompt_gen_template=prompt_gen_template)


if __name__ == '__main__':
    random.seed(0)
    for task, data in TASKS.items():
        print(f'=== {task}')
        prompts = run_ape(data, data)
        for prompt in sorted(prompts):
            print(f'  {prompt}')
