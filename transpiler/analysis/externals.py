"""The catalogue of calls whose behaviour is known without looking inside them.

Facts only: what a call *is* (an external call and how its async form is spelled, a
known-pure function, an output effect). What to do about it is decided in ``plan/``.
"""

from __future__ import annotations

import builtins
import enum
from collections.abc import Mapping
from dataclasses import dataclass, field

import libcst as cst


class Effect(enum.IntEnum):
    """Effect classes of the calculus, ordered so that ``max`` joins them.

    PURE: no observable effect. EXTERNAL: a slow independent call that commutes with
    other independent calls and with output. OUTPUT: an ordered, observable effect that
    touches no program state (print, logging); independent calls may be hoisted across
    it. UNKNOWN: ordered, and may read or change anything (file I/O, unknown callees):
    nothing moves across it.
    """

    PURE = 0
    EXTERNAL = 1
    OUTPUT = 2
    UNKNOWN = 3


class AsyncForm(enum.Enum):
    """How the async form of an external call is spelled."""

    # ``await epic.async_client(<client>).<path>(...)``: the openai v1 client's async
    # twin (the user's sync client stays as it is for every other use).
    CLIENT = "client"
    # ``await openai.ChatCompletion.acreate(...)``: the pre-1.0 module API.
    LEGACY_OPENAI = "legacy-openai"
    # ``await asyncio.sleep(...)``.
    SLEEP = "sleep"
    # ``await epic.to_thread(f, ...)``: a blocking call run on the shim's I/O executor.
    THREAD = "thread"


@dataclass(frozen=True, slots=True)
class ProgramFunction:
    """A function another module of the program defines (whole-program mode), as a call
    of it looks from the importing module.

    Made async there: the effect is EXTERNAL (it only makes independent calls and
    computes), OUTPUT (its only ordered effect is printing: held back and replayed in
    order, as for a function of the module itself) or UNKNOWN (anything else: awaited
    in place, nothing moves across it). Left sync: PURE, or OUTPUT when it only prints
    (a sync function with other effects is not described: an unknown call)."""

    effect: Effect
    is_async: bool = True
    sleeps: bool = False
    # It reads state outside the program (an HTTP GET): it stays after ordered calls.
    reads_world: bool = False
    # The importer's own names bound by imports from the defining module (``helper``,
    # ``CONFIG``): the function may read those objects when it runs, so the importer's
    # changes to them stay before its calls.
    late_reads: frozenset[str] = frozenset()
    # Why its calls keep program order, when they do (for the notes and ``explain``).
    ordered_because: str | None = None
    # The module-level names of its own module it reads when it runs (itself or through
    # its callees): whole-program mode checks what they are bound to.
    reads: frozenset[str] = frozenset()
    # What it returns, when every ``return`` of it returns an instance of one class of
    # the program: that class, as the importer's ``program_classes`` spell it.
    returns: str | None = None


@dataclass(frozen=True, slots=True)
class Declarations:
    """The user's declarations of external functions (``[tool.epic]``, by qualified
    name): independent ones may be sent early, ordered ones keep program order."""

    external: frozenset[str] = frozenset()
    ordered: frozenset[str] = frozenset()
    # Functions that only compute a value from their arguments (``[tool.epic] pure``).
    pure: frozenset[str] = frozenset()
    # Whole-program mode: the async functions of the program's other modules, by every
    # qualified name the importer may spell them with (``helper.ask``, ``.helper.ask``).
    program: Mapping[str, ProgramFunction] = field(default_factory=dict)
    # Their classes, by the same spellings: the methods calls through an instance reach
    # (``bot = Bot(); bot.reply(q)``).
    program_classes: Mapping[str, Mapping[str, ProgramFunction]] = field(default_factory=dict)
    # Names a ``from <module of the program> import *`` binds -> what they name there
    # (``ask`` -> ``helper.ask``): LibCST leaves them unresolved.
    star: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ExternalCall:
    """A recognised external call."""

    form: AsyncForm
    label: str
    ordered: bool = False
    # ``stream=True``: the result is an async iterator of chunks (``async for``).
    streams: bool = False
    # A stream or not is only known when it runs (``create(**kwargs)``, ``stream=
    # args.stream``): a stream is read whole where it is awaited and replayed to the
    # sync code that iterates it (``epic.replayed``).
    replays: bool = False
    # CLIENT: how many attributes the method path has (``chat.completions.create``: 3):
    # the client is what the call's function is that many attributes down.
    path_length: int = 0
    # It may read state outside the program that ordered calls change (an HTTP GET, a
    # declared function): it stays after them. Model inference and sleeps do not.
    reads_world: bool = False


# openai v1 client resources whose ``create`` (and friends) are slow requests.
OPENAI_CLIENT_CONSTRUCTORS = {
    "openai.OpenAI": "AsyncOpenAI",
    "openai.AzureOpenAI": "AsyncAzureOpenAI",
}
#: openai v1 client methods that are slow, independent requests (model inference:
#: they read the world, change nothing in it), by their path below the client.
_INFERENCE = (
    ("chat", "completions", "create"),
    ("chat", "completions", "parse"),
    ("beta", "chat", "completions", "parse"),
    ("completions", "create"),
    ("embeddings", "create"),
    ("responses", "create"),
    ("responses", "parse"),
    ("moderations", "create"),
    ("images", "generate"),
    ("images", "edit"),
    ("images", "create_variation"),
    ("audio", "speech", "create"),
    ("audio", "transcriptions", "create"),
    ("audio", "translations", "create"),
)
#: Methods on stateful resources (files, batches, assistants and threads, vector
#: stores, fine-tuning): requests whose effects later requests can see, so they stay
#: in program order (awaited where they are).
_STATEFUL = (
    ("files", "create"),
    ("files", "delete"),
    ("files", "retrieve"),
    ("batches", "create"),
    ("batches", "retrieve"),
    ("batches", "cancel"),
    ("fine_tuning", "jobs", "create"),
    ("fine_tuning", "jobs", "retrieve"),
    ("fine_tuning", "jobs", "cancel"),
    ("vector_stores", "create"),
    ("vector_stores", "delete"),
    ("vector_stores", "files", "create"),
    ("beta", "assistants", "create"),
    ("beta", "assistants", "delete"),
    ("beta", "threads", "create"),
    ("beta", "threads", "delete"),
    ("beta", "threads", "messages", "create"),
    ("beta", "threads", "runs", "create"),
    ("beta", "threads", "runs", "create_and_poll"),
    ("beta", "threads", "runs", "retrieve"),
    ("conversations", "create"),
    ("conversations", "items", "create"),
)


def _with_raw(paths: tuple[tuple[str, ...], ...]) -> frozenset[tuple[str, ...]]:
    """Each path, and its ``with_raw_response`` form (``chat.completions.
    with_raw_response.create``: the same request, the response object first)."""
    return frozenset(paths) | frozenset((*p[:-1], "with_raw_response", p[-1]) for p in paths)


OPENAI_METHOD_PATHS = _with_raw(_INFERENCE)
OPENAI_ORDERED_PATHS = _with_raw(_STATEFUL)
LEGACY_OPENAI = frozenset(
    {
        "openai.ChatCompletion.create",
        "openai.Completion.create",
        "openai.Embedding.create",
        "openai.Moderation.create",
        "openai.Image.create",
    }
)
SLEEP = frozenset({"time.sleep"})
#: Blocking calls that only read the world: independent (run on the I/O executor).
BLOCKING_IO = frozenset({"requests.get", "requests.head", "requests.options"})
#: Blocking calls that may change the world (create a record, write a file, run a
#: program): in program order unless declared independent, or (for an HTTP request)
#: sent to a model endpoint (see :func:`is_model_endpoint`).
BLOCKING_ORDERED = frozenset(
    {
        "requests.post",
        "requests.put",
        "requests.patch",
        "requests.delete",
        "requests.request",
        "subprocess.run",
        "subprocess.check_output",
        "subprocess.check_call",
        "subprocess.call",
        "urllib.request.urlopen",
    }
)
#: HTTP methods that read only (``requests.request("GET", url)``).
READ_ONLY_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
#: Paths of model-inference endpoints: a POST there computes an answer and changes
#: nothing (OpenAI-compatible servers, Ollama).
MODEL_ENDPOINT_SUFFIXES = (
    "/chat/completions",
    "/completions",
    "/embeddings",
    "/responses",
    "/moderations",
    "/api/chat",
    "/api/generate",
    "/api/embeddings",
    "/api/embed",
)


def is_model_endpoint(url_text: str) -> bool:
    """Whether the literal tail of a URL names a model-inference endpoint."""
    return url_text.rstrip("/").endswith(MODEL_ENDPOINT_SUFFIXES)


OUTPUT_FUNCTIONS = frozenset(
    {
        "builtins.print",
        "sys.stdout.write",
        "sys.stderr.write",
        "sys.stdout.flush",
        "sys.stderr.flush",
        "pprint.pprint",
        "logging.debug",
        "logging.info",
        "logging.warning",
        "logging.error",
        "logging.exception",
        "logging.critical",
        "logging.log",
    }
)

# Functions that compute a value from their arguments and change nothing.
PURE_FUNCTIONS = frozenset(
    {
        f"builtins.{name}"
        for name in (
            "abs all any ascii bin bool bytes callable chr dict divmod enumerate "
            "filter float format frozenset hash hex int isinstance issubclass len "
            "list map max min oct ord pow range repr reversed round set slice sorted "
            "str sum super tuple type zip"
        ).split()
    }
    | {
        "json.loads",
        "json.dumps",
        "re.match",
        "re.search",
        "re.fullmatch",
        "re.findall",
        "re.finditer",
        "re.sub",
        "re.subn",
        "re.split",
        "re.compile",
        "re.escape",
        "textwrap.dedent",
        "textwrap.indent",
        "textwrap.shorten",
        "textwrap.wrap",
        "textwrap.fill",
        "collections.Counter",
        "collections.defaultdict",
        "collections.OrderedDict",
        "collections.deque",
        "statistics.mean",
        "statistics.median",
        "statistics.mode",
        "hashlib.sha256",
        "hashlib.md5",
        "itertools.chain",
        "itertools.product",
        "itertools.combinations",
        "itertools.permutations",
        "itertools.islice",
        "os.path.join",
        "os.path.basename",
        "os.path.dirname",
        "os.path.splitext",
        "os.environ.get",
        "os.getenv",
        "dataclasses.asdict",
    }
)
# The standard library and common packages scripts use between requests (issue: real
# programs): text, dates, encodings, parsing, arrays and frames. Clock reads count as
# pure: a transpiled run's times differ from the sequential run's anyway.
PURE_FUNCTIONS |= frozenset(
    {
        "datetime.datetime",
        "datetime.date",
        "datetime.time",
        "datetime.timedelta",
        "datetime.timezone",
        "datetime.datetime.now",
        "datetime.datetime.utcnow",
        "datetime.datetime.today",
        "datetime.datetime.fromisoformat",
        "datetime.datetime.strptime",
        "datetime.datetime.fromtimestamp",
        "datetime.date.today",
        "datetime.date.fromisoformat",
        "time.time",
        "time.perf_counter",
        "time.monotonic",
        "time.strftime",
        "time.gmtime",
        "time.localtime",
        "html.escape",
        "html.unescape",
        "uuid.uuid4",
        "uuid.uuid5",
        "uuid.uuid3",
        "uuid.UUID",
        "base64.b64encode",
        "base64.b64decode",
        "base64.urlsafe_b64encode",
        "base64.urlsafe_b64decode",
        "urllib.parse.quote",
        "urllib.parse.quote_plus",
        "urllib.parse.unquote",
        "urllib.parse.urlencode",
        "urllib.parse.urlparse",
        "urllib.parse.urljoin",
        "urllib.parse.parse_qs",
        "shlex.quote",
        "shlex.split",
        "copy.copy",
        "copy.deepcopy",
        "unicodedata.normalize",
        "fnmatch.fnmatch",
        "difflib.SequenceMatcher",
        "difflib.get_close_matches",
        "decimal.Decimal",
        "fractions.Fraction",
        "itertools.groupby",
        "itertools.accumulate",
        "itertools.zip_longest",
        "itertools.starmap",
        "itertools.batched",
        "functools.partial",
        "functools.reduce",
        "csv.reader",
        "csv.DictReader",
        "tiktoken.get_encoding",
        "tiktoken.encoding_for_model",
        "bs4.BeautifulSoup",
        "pandas.DataFrame",
        "pandas.Series",
        "pandas.concat",
        "pandas.merge",
        "pandas.to_datetime",
        "pandas.to_numeric",
        "pandas.isna",
        "pandas.notna",
        "pandas.isnull",
        "pandas.notnull",
        "os.path.normpath",
        "os.path.split",
        "os.path.relpath",
        "posixpath.join",
        "pathlib.Path",
        "pathlib.PurePath",
        "urllib.request.Request",
    }
)
# Modules every function of which computes a value (the exceptions below write files,
# read them, or draw from a shared random state).
PURE_MODULE_PREFIXES_EXCEPT = (
    "numpy.random.",
    "numpy.save",
    "numpy.load",
    "numpy.fromfile",
    "numpy.copyto",
    "numpy.put",
    "numpy.place",
    "numpy.fill_diagonal",
)
#: Keywords with which a pure function or method writes into an argument or its
#: receiver instead (``np.add(a, b, out=c)``, ``df.fillna(0, inplace=True)``).
WRITING_KEYWORDS = frozenset({"out", "inplace"})
#: Functions that only read the world (files, directories, the environment): moved
#: freely, but never across a call that may change it (a write, an ordered call).
READ_FUNCTIONS = frozenset(
    {
        "os.path.exists",
        "os.path.isfile",
        "os.path.isdir",
        "os.path.getsize",
        "os.path.getmtime",
        "os.path.abspath",
        "os.path.expanduser",
        "os.listdir",
        "os.scandir",
        "os.getcwd",
        "os.walk",
        "glob.glob",
        "glob.iglob",
        "pandas.read_csv",
        "pandas.read_json",
        "pandas.read_excel",
        "pandas.read_parquet",
        "numpy.load",
        "numpy.loadtxt",
    }
)
#: Progress bars that wrap an iterable (``for x in tqdm(items)``): each item taken
#: redraws the bar on stderr.
PROGRESS_BARS = frozenset({"tqdm.tqdm", "tqdm.auto.tqdm", "tqdm.notebook.tqdm", "tqdm.std.tqdm"})
#: Methods that only read the world, on the objects scripts call them on (paths).
READ_METHODS = frozenset(
    "exists is_file is_dir read_text read_bytes iterdir glob rglob stat".split()
)
# Building a built-in exception (``ValueError(f"bad {x}")``, to raise it) changes nothing.
PURE_FUNCTIONS |= frozenset(
    f"builtins.{name}"
    for name, value in vars(builtins).items()
    if isinstance(value, type) and issubclass(value, BaseException)
)
# Making a buffer or a csv writer (writing through it is ordered output, see calls.py).
PURE_FUNCTIONS |= frozenset({"io.StringIO", "csv.writer", "csv.DictWriter"})
PURE_MODULE_PREFIXES = ("math.", "string.", "operator.", "statistics.", "numpy.")
#: Functions under a pure prefix that change their first argument in place (on a list,
#: dict or other mutable value): not pure, so of unknown effect (nothing moves across).
IN_PLACE_FUNCTIONS = frozenset(
    f"operator.{name}"
    for name in (
        "iadd iand iconcat ifloordiv ilshift imatmul imod imul ior ipow irshift isub "
        "itruediv ixor setitem delitem __iadd__ __iand__ __iconcat__ __ifloordiv__ "
        "__ilshift__ __imatmul__ __imod__ __imul__ __ior__ __ipow__ __irshift__ __isub__ "
        "__itruediv__ __ixor__ __setitem__ __delitem__"
    ).split()
)

# Methods that, on the values scripts handle (str, list, dict, responses), only
# compute a result. Mutating methods are listed in ``names.MUTATING_METHODS``.
#: Constructors of objects that take text or rows and write them somewhere (a file,
#: a buffer): their writes are ordered output, like ``print(..., file=f)``.
SINK_CONSTRUCTORS = frozenset(
    {"builtins.open", "io.open", "io.StringIO", "csv.writer", "csv.DictWriter"}
)
#: The methods of those objects that write (they change the object and, for a file,
#: what is on disk).
SINK_WRITES = frozenset({"write", "writelines", "writerow", "writerows", "writeheader"})
#: Their methods that only read them (a buffer's text so far).
SINK_READS = frozenset({"getvalue"})

PURE_METHODS = frozenset(
    (
        "strip lstrip rstrip split rsplit splitlines lower upper title capitalize "
        "casefold join replace startswith endswith format format_map encode decode "
        "find rfind index rindex count isdigit isalpha isalnum isspace isnumeric "
        "isdecimal isupper islower zfill center ljust rjust partition rpartition "
        "removeprefix removesuffix expandtabs get keys values items copy most_common "
        "model_dump model_dump_json hexdigest digest group groups groupdict json "
        "raise_for_status strftime isoformat timestamp total_seconds "
        "find_all find_next get_text select select_one prettify "
        "head tail describe to_dict tolist to_list to_numpy unique nunique "
        "value_counts sort_values reset_index set_index astype dropna fillna "
        "iterrows itertuples mean median std sum"
    ).split()
)


def classify_qualified(qualified: str) -> ExternalCall | None:
    """The external call a fully qualified function name denotes, if any."""
    if qualified in LEGACY_OPENAI:
        return ExternalCall(AsyncForm.LEGACY_OPENAI, qualified)
    if qualified in SLEEP:
        return ExternalCall(AsyncForm.SLEEP, qualified)
    if qualified in BLOCKING_IO:
        return ExternalCall(AsyncForm.THREAD, qualified, reads_world=True)
    if qualified in BLOCKING_ORDERED:
        return ExternalCall(AsyncForm.THREAD, qualified, ordered=True)
    return None


def qualified_effect(qualified: str) -> Effect | None:
    """The effect of a known non-external function, or None when it is not known."""
    if qualified in OUTPUT_FUNCTIONS:
        return Effect.OUTPUT
    if qualified in IN_PLACE_FUNCTIONS:
        return None
    if qualified in PURE_FUNCTIONS or qualified in READ_FUNCTIONS:
        return Effect.PURE
    if qualified.startswith(PURE_MODULE_PREFIXES) and not qualified.startswith(
        PURE_MODULE_PREFIXES_EXCEPT
    ):
        return Effect.PURE
    return None


def catalogued_modules() -> frozenset[str]:
    """The top-level modules of every catalogued external call: a script that imports
    none of them (and declares no external function) makes no call epic could start
    early."""
    qualified = [
        *OPENAI_CLIENT_CONSTRUCTORS,
        *LEGACY_OPENAI,
        *SLEEP,
        *BLOCKING_IO,
        *BLOCKING_ORDERED,
    ]
    return frozenset(name.split(".")[0] for name in qualified)


class _Imports(cst.CSTVisitor):
    """The top-level module names a module imports (anywhere, not inside expressions)."""

    def __init__(self) -> None:
        self.modules: set[str] = set()

    def visit_Import(self, node: cst.Import) -> bool:
        for alias in node.names:
            self.modules.add(cst.Module([]).code_for_node(alias.name).split(".")[0])
        return False

    def visit_ImportFrom(self, node: cst.ImportFrom) -> bool:
        if node.module is not None and not node.relative:
            self.modules.add(cst.Module([]).code_for_node(node.module).split(".")[0])
        else:
            self.modules.add(".")  # a relative import: the program's own module
        return False

    def visit_SimpleStatementLine(self, node: cst.SimpleStatementLine) -> bool:
        return any(isinstance(small, (cst.Import, cst.ImportFrom)) for small in node.body)


def may_call_externals(module: cst.Module, source: str, declarations: Declarations) -> bool:
    """Whether the module may make an external call at all (a cheap, conservative
    look before the full analysis): it imports a catalogued module, or a function is
    declared external (``[tool.epic]`` or a ``# epic:`` pragma)."""
    if declarations.external or declarations.ordered or declarations.program:
        return True
    if "epic:" in source:
        return True
    found = _Imports()
    module.visit(found)
    return bool(found.modules & catalogued_modules())
