# From openai/swarm (commit 6af0b4caf37dca4526dfd98e9fbd8ce36e7eeb22), MIT.
# Original paths: examples/airline/configs/agents.py and configs/tools.py (inlined); the long
# policy texts of data/routines/ are replaced by one-line stand-ins; lost_baggage kept short.
from swarm import Agent

STARTER_PROMPT = "You are an intelligent and empathetic customer support representative for Flight Airlines.\n"
FLIGHT_CANCELLATION_POLICY = "1. Confirm which flight the customer is asking to cancel.\n2. Offer a refund or flight credits.\n"
FLIGHT_CHANGE_POLICY = "1. Verify the flight details.\n2. Check whether the change is valid, then change the flight.\n"
LOST_BAGGAGE_POLICY = "1. Initiate a baggage search.\n2. If the baggage is found, arrange its delivery.\n"


def escalate_to_agent(reason=None):
    return f"Escalating to agent: {reason}" if reason else "Escalating to agent"


def valid_to_change_flight():
    return "Customer is eligible to change flight"


def change_flight():
    return "Flight was successfully changed!"


def initiate_refund():
    status = "Refund initiated"
    return status


def initiate_flight_credits():
    status = "Successfully initiated flight credits"
    return status


def case_resolved():
    return "Case resolved. No further questions."


def initiate_baggage_search():
    return "Baggage was found!"


def transfer_to_flight_modification():
    return flight_modification


def transfer_to_flight_cancel():
    return flight_cancel


def transfer_to_flight_change():
    return flight_change


def transfer_to_lost_baggage():
    return lost_baggage


def transfer_to_triage():
    """Call this function when a user needs to be transferred to a different agent and a different policy.
    For instance, if a user is asking about a topic that is not handled by the current agent, call this function.
    """
    return triage_agent


def triage_instructions(context_variables):
    customer_context = context_variables.get("customer_context", None)
    flight_context = context_variables.get("flight_context", None)
    return f"""You are to triage a users request, and call a tool to transfer to the right intent.
    Once you are ready to transfer to the right intent, call the tool to transfer to the right intent.
    You dont need to know specifics, just the topic of the request.
    When you need more information to triage the request to an agent, ask a direct question without explaining why you're asking it.
    Do not share your thought process with the user! Do not make unreasonable assumptions on behalf of user.
    The customer context is here: {customer_context}, and flight context is here: {flight_context}"""


triage_agent = Agent(
    name="Triage Agent",
    instructions=triage_instructions,
    functions=[transfer_to_flight_modification, transfer_to_lost_baggage],
)

flight_modification = Agent(
    name="Flight Modification Agent",
    instructions="""You are a Flight Modification Agent for a customer service airlines company.
      You are an expert customer service agent deciding which sub intent the user should be referred to.
You already know the intent is for flight modification related question. First, look at message history and see if you can determine if the user wants to cancel or change their flight.
Ask user clarifying questions until you know whether or not it is a cancel request or change flight request. Once you know, call the appropriate transfer function. Either ask clarifying questions, or call one of your functions, every time.""",
    functions=[transfer_to_flight_cancel, transfer_to_flight_change],
    parallel_tool_calls=False,
)

flight_cancel = Agent(
    name="Flight cancel traversal",
    instructions=STARTER_PROMPT + FLIGHT_CANCELLATION_POLICY,
    functions=[
        escalate_to_agent,
        initiate_refund,
        initiate_flight_credits,
        transfer_to_triage,
        case_resolved,
    ],
)

flight_change = Agent(
    name="Flight change traversal",
    instructions=STARTER_PROMPT + FLIGHT_CHANGE_POLICY,
    functions=[
        escalate_to_agent,
        change_flight,
        valid_to_change_flight,
        transfer_to_triage,
        case_resolved,
    ],
)

lost_baggage = Agent(
    name="Lost baggage traversal",
    instructions=STARTER_PROMPT + LOST_BAGGAGE_POLICY,
    functions=[
        escalate_to_agent,
        initiate_baggage_search,
        transfer_to_triage,
        case_resolved,
    ],
)
