"""Word lists the intake assistant reads text with: months, titles, cue words of
organisations and places, and the loose comparison of names."""

from __future__ import annotations

import re

WORD = re.compile(r"[^\W_]+")
CJK = re.compile(r"[\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u9fff\uac00-\ud7af"
                  r"\uf900-\ufaff\U00020000-\U0002fa1f]")


def word_set(text: str, separator: str | None = None) -> frozenset[str]:
    return frozenset(text.split(separator))


MONTHS = word_set("january february march april may june july august september october "
                 "november december jan feb mar apr jun jul aug sep sept oct nov dec")
NOT_NAMES = MONTHS | word_set("monday tuesday wednesday thursday friday saturday sunday")
DOCUMENTS = word_set("policy strategy statement declaration agreement act treaty doctrine degree "
                    "intelligence war photo correction")
DEMONYMS = word_set("korean chinese japanese taiwanese american european asian western eastern "
                   "northern southern russian ukrainian indian vietnamese thai british french "
                   "german australian lithuanian latvian estonian polish finnish swedish "
                   "norwegian danish dutch belgian swiss austrian italian spanish portuguese "
                   "greek turkish irish scottish welsh english canadian mexican brazilian "
                   "argentine chilean peruvian colombian egyptian moroccan nigerian kenyan "
                   "israeli iranian iraqi saudi syrian pakistani bangladeshi indonesian "
                   "malaysian filipino singaporean mongolian kazakh georgian armenian czech "
                   "slovak hungarian romanian bulgarian serbian croatian belarusian african "
                   "ugandan tanzanian rwandan burundian ethiopian eritrean somali sudanese "
                   "ghanaian senegalese malian nigerien cameroonian congolese angolan zambian "
                   "zimbabwean malawian mozambican namibian algerian tunisian libyan "
                   "jordanian lebanese yemeni omani qatari emirati kuwaiti afghan nepali "
                   "sri lankan burmese cambodian laotian bolivian ecuadorian venezuelan "
                   "cuban jamaican haitian uruguayan paraguayan ukrainian moldovan")
ADJECTIVE_ENDINGS = word_set("based sponsored led backed funded owned run born made style level "
                            "related affiliated aligned linked controlled oriented centered era")
DATE_WORDS = MONTHS | word_set("early mid late c ca circa about around approximately before "
                               "after between and to the present bc ad bce ce century millennium "
                               "spring summer autumn fall winter quarter q1 q2 q3 q4 first "
                               "second third fourth of")  # "the summer of 1869"
ABBREVIATIONS = MONTHS | word_set("mr mrs ms dr prof gen adm col lt sgt capt maj ret rep sen "
                                  "gov st jr sr no vs e.g i.e c ca approx inc corp co ltd dept "
                                  "univ fig vol pp p")
FINAL_PUNCTUATION = frozenset(".,;:!?…\"”’)]。！？")
CONNECTORS = word_set("of for and the de du da von van der al")
TITLES = word_set(
    "President Prime Vice General Admiral Commander Chairman Chairwoman Chair Secretary Minister "
    "Professor Prof Dr Mr Mrs Ms Director Chief Deputy Speaker Ambassador Senator "
    "Representative Colonel Lieutenant Captain Sergeant Premier Governor Mayor Sir Dame Lord "
    "Judge Justice Associate Fellow Advisor Adviser Analyst Researcher Spokesperson "
    "Spokesman Spokeswoman Envoy Officer Member Head Leader Former Retired Gen Adm Col Lt Sgt "
    "Chancellor King Queen Prince Princess Emperor Empress Pope Bishop Cardinal Sheikh "
    "Commissioner Marshal Brigadier Chairperson Councillor Councilor Congressman "
    "Congresswoman Dean Rector")
PORTFOLIOS = word_set("Defense Defence State Foreign Affairs Justice Finance Commerce Trade "
                     "Industry Interior Health Education Energy Labor Labour Agriculture "
                     "Unification Homeland Security National Transport Transportation "
                     "Infrastructure Environment Culture Tourism Economy Economic Development "
                     "Communications Fisheries Maritime Veterans Science Technology Digital "
                     "Housing Welfare Employment Immigration Treasury Planning Oceans Youth "
                     "Water Mines Mining Lands Forestry Wildlife Irrigation Power Works")
STOPWORDS = word_set(
    "the a an in on at as by for from with without after before during since while when where "
    "whereas if although though because but and or yet so also even however indeed meanwhile "
    "moreover furthermore nonetheless nevertheless accordingly thus therefore still then now "
    "here there this that these those it its he she they we i you his her their our my your "
    "such some many most all both each every other another no not one two three under over "
    "against among between through throughout toward towards beyond regardless similarly "
    "clearly once of to like unlike despite according further beginning")
ORG_WORDS = word_set(
    "institute association council ministry forum university company forces force party "
    "agency center centre times assembly department committee office bank group inc corp "
    "corporation electronics foundation society commission army navy government parliament staff "
    "court union alliance organization organisation college school academy news post herald "
    "journal ilbo shimbun daily press radio television service bureau administration embassy "
    "mission ltd llc holdings industries program programme network club federation league "
    "chiefs authority authorities trust railway railways airlines airways gazette tribune "
    "chronicle telegraph courier magazine initiative community cooperative co-operative "
    "consortium coalition partnership secretariat "
    # what companies call themselves
    "semiconductor semiconductors technologies systems motors pharmaceuticals labs "
    "laboratories studios solutions software logistics chemicals ventures partners "
    "enterprises manufacturing "
    # institutions by what they are
    "museum museums institution gallery library hospital orchestra theatre theater")
PLACE_WORDS = word_set("strait island islands mountain mountains sea river lake peninsula "
                      "camp fort mount cape harbour harbor port airport palace square shoal reef "
                      "atoll "
                      "province city county bay gulf ocean valley desert region republic "
                      "bridge canal coast hills heights plateau highlands delta basin channel "
                      "archipelago "
                      "kingdom states emirates")
PLACES = word_set(
    "taiwan|korea|south korea|north korea|china|japan|united states|united kingdom|russia|"
    "india|vietnam|thailand|philippines|indonesia|malaysia|singapore|australia|new zealand|"
    "canada|mexico|brazil|france|germany|italy|spain|ukraine|poland|czech republic|mongolia|"
    "palau|hong kong|macau|taipei|kaohsiung|seoul|busan|tokyo|beijing|shanghai|moscow|"
    "pyongyang|washington|london|paris|berlin|brussels|hanoi|bangkok|manila|jakarta|canberra|"
    "new delhi|europe|asia|africa|america|indo pacific|southeast asia|east asia|pacific|"
    # the world's countries (general knowledge, not any text's)
    "afghanistan|albania|algeria|andorra|angola|argentina|armenia|austria|azerbaijan|bahamas|"
    "bahrain|bangladesh|barbados|belarus|belgium|belize|benin|bhutan|bolivia|bosnia|botswana|"
    "brunei|bulgaria|burkina faso|burundi|cambodia|cameroon|cape verde|chad|chile|colombia|"
    "comoros|congo|costa rica|croatia|cuba|cyprus|czechia|denmark|djibouti|dominica|"
    "dominican republic|ecuador|egypt|el salvador|eritrea|estonia|eswatini|ethiopia|fiji|"
    "finland|gabon|gambia|georgia|ghana|greece|grenada|guatemala|guinea|guyana|haiti|"
    "honduras|hungary|iceland|iran|iraq|ireland|israel|jamaica|jordan|kazakhstan|kenya|"
    "kiribati|kosovo|kuwait|kyrgyzstan|laos|latvia|lebanon|lesotho|liberia|libya|"
    "liechtenstein|lithuania|luxembourg|madagascar|malawi|maldives|mali|malta|"
    "marshall islands|mauritania|mauritius|micronesia|moldova|monaco|montenegro|morocco|"
    "mozambique|myanmar|namibia|nauru|nepal|netherlands|nicaragua|niger|nigeria|"
    "north macedonia|norway|oman|pakistan|palestine|panama|papua new guinea|paraguay|peru|"
    "portugal|qatar|romania|rwanda|samoa|san marino|saudi arabia|senegal|serbia|seychelles|"
    "sierra leone|slovakia|slovenia|solomon islands|somalia|south africa|south sudan|"
    "sri lanka|sudan|suriname|sweden|switzerland|syria|tajikistan|tanzania|timor leste|togo|"
    "tonga|trinidad and tobago|tunisia|turkey|turkmenistan|tuvalu|uganda|"
    "united arab emirates|uruguay|uzbekistan|vanuatu|vatican city|venezuela|yemen|zambia|"
    "zimbabwe|latin america|middle east|oceania|antarctica|arctic|south asia|central asia"
    , separator="|")


def is_acronym(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def name_key(name: str) -> str:
    """A name compared loosely: words only, case-folded ("Woo-taik" is "woo taik")."""
    return " ".join(WORD.findall(name)).casefold() or name.strip()


def short_excerpt(text: str, max_words: int = 25) -> str:
    """The first ``max_words`` words of ``text``, with "…" when cut."""
    parts = text.split()
    return " ".join(parts) if len(parts) <= max_words else " ".join(parts[:max_words]) + "…"
