# From lm-sys/FastChat (commit 0e6d3e4beaab66f4d3f93db72541a4abab8af28d), Apache-2.0.
# Original path: fastchat/conversation.py (trimmed to the Conversation methods the judge uses
# and the "chatgpt" template; copy() uses dataclasses.replace; register_conv_template is
# inlined). get_conversation_template, from fastchat/model/model_adapter.py
# (the ChatGPTAdapter lookup), is moved here.
"""
Conversation prompt templates.
"""

import dataclasses
from typing import List, Dict, Tuple


@dataclasses.dataclass
class Conversation:
    """A class that manages prompt templates and keeps all conversation history."""

    # The name of this template
    name: str
    # The system message
    system_message: str = ""
    # The names of two roles
    roles: Tuple[str] = ("USER", "ASSISTANT")
    # All messages. Each item is (role, message).
    messages: List[List[str]] = ()
    # The number of few shot examples
    offset: int = 0

    def set_system_message(self, system_message: str):
        """Set the system message."""
        self.system_message = system_message

    def append_message(self, role: str, message: str):
        """Append a new message."""
        self.messages.append([role, message])

    def copy(self):
        return dataclasses.replace(self, messages=[[x, y] for x, y in self.messages])

    def to_openai_api_messages(self):
        """Convert the conversation to OpenAI chat completion format."""
        if self.system_message == "":
            ret = []
        else:
            ret = [{"role": "system", "content": self.system_message}]

        for i, (_, msg) in enumerate(self.messages[self.offset :]):
            if i % 2 == 0:
                ret.append({"role": "user", "content": msg})
            else:
                if msg is not None:
                    ret.append({"role": "assistant", "content": msg})
        return ret



# A global registry for all conversation templates
conv_templates: Dict[str, Conversation] = {}


def get_conv_template(name: str) -> Conversation:
    """Get a conversation template."""
    return conv_templates[name].copy()


conv_templates["chatgpt"] = Conversation(
    name="chatgpt",
    system_message="You are a helpful assistant.",
    roles=("user", "assistant"),
)


def get_conversation_template(model_path: str) -> Conversation:
    """Get the default conversation template."""
    return get_conv_template("chatgpt")
