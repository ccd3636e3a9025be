# From amazon-science/auto-cot (commit ec9caa32a69cfd7203c33df76d31cb48e726d6a7), Apache-2.0.
# Original path: utils.py (itself adapted from kojima-takeshi188/zero_shot_cot). Ported from the
# pre-1.0 openai.Completion.create(engine=...) to the v1 client; torch's Dataset/DataLoader and
# numpy seeding are replaced by a plain class and a seeded shuffle (torch is not installed);
# only the multiarith dataset reader is kept; print_now (wall-clock time) is left out.
import openai
from openai import OpenAI
import os
import json
import re
import random
import time
from statistics import mean

client = OpenAI()


def fix_seed(seed):
    # random
    random.seed(seed)


# Sentence Generator (Decoder) for GPT-3 ...
def decoder_for_gpt3(args, input, max_length):

    # GPT-3 API allows each users execute the API within 60 times in a minute ...
    time.sleep(args.api_time_interval)

    # Specify engine ...
    if args.model == "gpt3":
        engine = "text-ada-001"
    elif args.model == "gpt3-xl":
        engine = "text-davinci-002"
    elif args.model == "code-davinci-002":
        engine = "code-davinci-002"
    else:
        raise ValueError("model is not properly defined ...")

    if ("few_shot" in args.method or "auto" in args.method) and engine == "code-davinci-002":
        response = client.completions.create(
          model=engine,
          prompt=input,
          max_tokens=max_length,
          temperature=args.temperature,
          top_p=1,
          frequency_penalty=0,
          presence_penalty=0,
          stop=["\n"]
        )
    else:
        response = client.completions.create(
            model=engine,
            prompt=input,
            max_tokens=max_length,
            temperature=args.temperature,
            top_p=1,
            frequency_penalty=0,
            presence_penalty=0,
            stop=None
        )

    return response.choices[0].text


class Decoder():
    def __init__(self):
        pass

    def decode(self, args, input, max_length):
        response = decoder_for_gpt3(args, input, max_length)
        return response


def data_reader(args):
    questions = []
    answers = []
    if args.dataset in ("addsub", "multiarith", "singleeq"):
      with open(args.dataset_path) as f:
        json_data = json.load(f)
        for line in json_data:
          q = line["sQuestion"].strip()
          a = str(line["lSolutions"][0])
          if a[-2:] == ".0":
              a = a[:-2]
          questions.append(q)
          answers.append(a)
    else:
        raise ValueError("dataset is not properly defined ...")

    q_len_list = [len(q.split(" ")) for q in questions]
    q_len_mean = mean(q_len_list)

    print("dataset : {}".format(args.dataset))
    print("data size : {}".format(len(answers)))
    print("average num of words for each sample : {}".format(q_len_mean))

    return questions, answers


# Create dataset object before dataloader ...
class MyDataset:
    def __init__(self, args):
        self.questions, self.answers = data_reader(args)
        self.len = len(self.questions)

    def __len__(self):
        return self.len

    def __getitem__(self, index):
        return self.questions[index], self.answers[index]


def setup_data_loader(args):
    # fix randomness of dataloader to ensure reproducibility
    fix_seed(args.random_seed)
    dataset = MyDataset(args)
    order = list(range(len(dataset)))
    random.Random(args.random_seed).shuffle(order)  # shuffle=True, batch_size=1
    return [([dataset[i][0]], [dataset[i][1]]) for i in order]


# ver 0.2
def answer_cleansing(args, pred, must_choice=False):

    print("pred_before : " + pred)

    if args.method in ("few_shot", "few_shot_cot", "auto_cot"):
        preds = pred.split(args.direct_answer_trigger_for_fewshot)
        answer_flag = True if len(preds) > 1 else False
        pred = preds[-1]

    if args.dataset in ("gsm8k", "addsub", "multiarith", "svamp", "singleeq"):
        if must_choice:
            pred = re.findall(r'A|B|C|D', pred)
        else:
            pred = pred.replace(",", "")
            pred = [s for s in re.findall(r'-?\d+\.?\d*', pred)]
    else:
        raise ValueError("dataset is not properly defined ...")

    # If there is no candidate in list, null is set.
    if len(pred) == 0:
        pred = ""
    else:
        if args.method in ("few_shot", "few_shot_cot", "auto_cot"):
            if answer_flag:
                pred = pred[0]
            else:
                pred = pred[-1]
        elif args.method in ("zero_shot", "zero_shot_cot"):
            pred = pred[0]
        else:
            raise ValueError("method is not properly defined ...")

    # (For arithmetic tasks) if a word ends with period, it will be omitted ...
    if pred != "":
        if pred[-1] == ".":
            pred = pred[:-1]

    print("pred_after : " + pred)

    return pred


def create_demo_text(args, cot_flag):
    x, z, y = [], [], []

    with open(args.demo_path, encoding="utf-8") as f:
        json_data = json.load(f)
        json_data = json_data["demo"]
        for line in json_data:
            x.append(line["question"])
            z.append(line["rationale"])
            y.append(line["pred_ans"])

    index_list = list(range(len(x)))

    demo_text = ""
    for i in index_list:
        if cot_flag:
            demo_text += x[i] + " " + z[i] + " " +                          args.direct_answer_trigger_for_fewshot + " " + y[i] + ".\n\n"
        else:
            demo_text += x[i] + " " + args.direct_answer_trigger_for_fewshot + " " + y[i] + ".\n\n"
    return demo_text
