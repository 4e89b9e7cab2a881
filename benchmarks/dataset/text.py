"""Words for generated claims, verdicts and captured pages, in the newsroom's languages.

Each language's words are drawn from real text with their real frequencies (English from the
articles the extraction benchmark reads, Ukrainian and Spanish from the project's own
translations), so that a few words are everywhere and most are rare, as in a newsroom's intake:
a search or an "already checked?" lookup meets common and rare words alike."""

import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)
_PLACEHOLDER = re.compile(r"%\(\w+\)s|\{[^}]*\}|<[^>]+>")

TOPICS = [
    "economy", "health", "ukraine-war", "elections", "energy", "migration", "covid-19", "climate", "crime",
    "education", "housing", "inflation", "taxes", "defence", "corruption", "pensions", "jobs", "vaccines",
    "sanctions", "trade", "budget", "transport", "agriculture", "water", "environment", "justice", "police",
    "media", "religion", "science", "technology", "social-media", "weather", "sport", "culture", "history",
    "foreign-policy", "nato", "european-union", "russia", "ukraine", "kyiv", "donbas", "crimea", "refugees",
    "minimum-wage", "gas-prices", "electricity", "nuclear", "grain", "wheat", "mobilisation", "conscription",
    "parliament", "constitution", "referendum", "polls", "disinformation", "deepfakes", "ai",
]  # fmt: skip
FIRST_NAMES = [
    "Oleksiy", "Vladimir", "Joe", "Olena", "Maria", "Ivan", "Petro", "Yulia", "Andriy", "Kateryna", "Carlos",
    "Lucia", "Pedro", "Ana", "Javier", "Elena", "John", "Sarah", "Michael", "Emma", "Olaf", "Angela", "Emmanuel",
    "Marine", "Donald", "Kamala", "Boris", "Liz", "Rishi", "Keir", "Volodymyr", "Denys", "Iryna", "Taras",
    "Mykola", "Sofia", "Pablo", "Isabel", "Diego", "Carmen", "Jan", "Agnieszka", "Tomasz", "Marta", "Giorgia",
    "Viktor", "Recep", "Ursula", "Charles", "Margrethe",
]  # fmt: skip
SURNAMES = [
    "Reznikov", "Putin", "Biden", "Shevchenko", "Kovalenko", "Bondarenko", "Tkachenko", "Kravchenko", "Melnyk",
    "Boyko", "Garcia", "Martinez", "Lopez", "Sanchez", "Perez", "Gomez", "Fernandez", "Smith", "Jones", "Brown",
    "Taylor", "Wilson", "Scholz", "Merkel", "Macron", "Le Pen", "Trump", "Harris", "Johnson", "Truss", "Sunak",
    "Starmer", "Zelensky", "Shmyhal", "Stefanchuk", "Klitschko", "Yermak", "Kuleba", "Podolyak", "Danilov",
    "Sanchez-Perez", "Diaz", "Moreno", "Kowalski", "Nowak", "Meloni", "Orban", "Erdogan", "von der Leyen",
    "Windsor", "Rutte", "Stoltenberg", "Borrell", "Lavrov", "Peskov", "Shoigu", "Medvedev", "Navalny", "Tusk",
    "Duda",
]  # fmt: skip
ORGANISATIONS = [
    "Ministry of Health", "Ministry of Defence", "Ministry of Finance", "Ministry of Energy", "Central Bank",
    "State Statistics Service", "Prime Minister's Office", "Presidential Office", "Party of Regions",
    "Servant of the People", "European Commission", "World Health Organization", "City Council",
    "Chamber of Commerce", "Trade Union Federation", "Farmers' Association", "National Police", "Army Command",
    "Electoral Commission", "Tax Service",
]  # fmt: skip
OUTLETS = [
    "CBS News", "BBC", "Ukrainska Pravda", "Kyiv Independent", "El País", "RTVE", "Channel One", "Facebook",
    "Telegram", "X (Twitter)", "TikTok", "YouTube", "Parliament", "press conference", "campaign rally", "radio",
    "TV debate", "Reuters", "AP", "Deutsche Welle", "Le Monde", "Der Spiegel", "El Mundo", "Suspilne", "1+1",
    "ICTV", "Interfax", "TASS", "RIA Novosti", "Instagram",
]  # fmt: skip
CORRECTION_NOTES = [
    "We corrected the figure: the ministry revised it.",
    "The claimant's title was wrong; we also added a source.",
    "A newer dataset changes the rating.",
    "We misread the chart in the original report.",
]


# The English words are those of these folders of the extraction benchmark's articles, a fixed
# list: articles added later leave the data set, and so the scale benchmark's search words, as they were.
ENGLISH_FOLDERS = (".", "tuning", "heldout", "heldout2", "heldout3", "heldout4", "heldout5")


def _corpus(language: str) -> str:
    if language == "en":
        articles = ROOT / "benchmarks" / "extraction" / "articles"
        files = sorted(path for folder in ENGLISH_FOLDERS for path in (articles / folder).glob("*.txt"))
        files += sorted((ROOT / "seeds").glob("*.txt"))
        return "\n".join(path.read_text() for path in files)
    po = (ROOT / "locale" / language / "LC_MESSAGES" / "django.po").read_text()
    strings = re.findall(r'^msgstr "(.*)"$', po, flags=re.MULTILINE)
    return _PLACEHOLDER.sub(" ", "\n".join(strings))


class Words:
    """Sentences and paragraphs in one language, each word drawn with its frequency in the corpus."""

    def __init__(self, language: str, rng: random.Random):
        self.rng = rng
        tokens = _WORD.findall(_corpus(language))
        self.tokens = [t.lower() if not t.isupper() or len(t) == 1 else t for t in tokens]
        self.paragraphs = [self.sentences(rng.randint(3, 6)) for _ in range(400)]

    def words(self, n: int) -> list[str]:
        return self.rng.choices(self.tokens, k=n)

    def sentence(self, low: int = 8, high: int = 20) -> str:
        words = self.words(self.rng.randint(low, high))
        return " ".join(words)[:1].upper() + " ".join(words)[1:] + "."

    def sentences(self, n: int) -> str:
        return " ".join(self.sentence() for _ in range(n))

    def pages(self, low: int, high: int) -> str:
        """A few paragraphs from a pool (captured pages and explanations say much the same)."""
        return "\n\n".join(self.rng.choices(self.paragraphs, k=self.rng.randint(low, high)))


_ONSETS = ["Kra", "Ho", "Zo", "Bi", "Lu", "Ve", "Ny", "Pe", "Sta", "Dro", "Mi", "Tu", "Ko", "Be", "Za", "Ri", "Vo",
           "Sha", "Ne", "Pry"]  # fmt: skip
_MIDDLES = ["ve", "lo", "ra", "ny", "di", "me", "sy", "ro", "ti", "ha"]
_ENDINGS = ["tsivka", "pil", "horod", "nia", "ske", "nets", "ovo", "ach", "yn", "ia"]


def place_names() -> list[str]:
    """Twenty thousand names of places, firms and people's surnames (made up): the rare words of a
    newsroom's claims, each in a few of them, which is what people search for."""
    return [a + b + c + d for a in _ONSETS for b in _MIDDLES for c in _MIDDLES for d in _ENDINGS]


def claimant_names(count: int, rng: random.Random) -> list[tuple[str, str, list[str], str]]:
    """(name, kind, aliases, description) for `count` claimants: people and organisations."""
    people = [f"{first} {last}" for last in SURNAMES for first in FIRST_NAMES]
    rng.shuffle(people)
    found, seen = [], set()
    for n in range(count):
        if n % 6 == 5:
            name = f"{ORGANISATIONS[n % len(ORGANISATIONS)]} ({n // len(ORGANISATIONS) + 1})"
            kind, aliases, role = "organisation", [], "Official body"
        else:
            name = people[n % len(people)] + ("" if n < len(people) else f" ({n // len(people) + 1})")
            kind = "person"
            aliases = [name.split(" ", 1)[1]] if rng.random() < 0.2 else []
            role = rng.choice(["Member of parliament", "Minister", "Mayor", "Spokesperson", "Blogger", ""])
        if name not in seen:
            seen.add(name)
            found.append((name, kind, aliases, role))
    return found


def zipf(count: int, exponent: float = 1.1) -> list[float]:
    """Weights of `count` items, the first the commonest, each less common by its rank."""
    return [1 / rank**exponent for rank in range(1, count + 1)]


class Draw:
    """Draws one of `values` with the given weights in one step, from a table in which each value
    appears in proportion to its weight (at least once): much faster than random.choices for
    millions of single draws."""

    def __init__(self, rng: random.Random, values, weights, size: int = 50_000):
        total = sum(weights)
        self.table = [v for v, w in zip(values, weights, strict=True) for _ in range(max(1, round(w / total * size)))]
        self.random = rng.random

    def __call__(self):
        return self.table[int(self.random() * len(self.table))]
