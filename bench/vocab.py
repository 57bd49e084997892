"""Word lists the synthetic database is made of: names (Latin and CJK), titles, phrases.

Limited on purpose: records are drawn from these, so a million of them are quick to make,
while combinations keep names and titles varied enough for search to be a real test
("Kim", "東明", "金", "Institute" and "Ki" all hit many records, but not all of them).
"""

from __future__ import annotations

FIRST_NAMES = (
    "John", "Mary", "Elena", "Henri", "Sophie", "Ahmed", "Fatima", "Pedro", "Lucia", "Hans",
    "Ingrid", "Olga", "Ivan", "Marco", "Giulia", "Thomas", "Anne", "Rashid", "Amara", "Kofi",
    "Isabel", "Tomás", "Margaret", "William", "Catherine", "Jan", "Pieter", "Astrid", "Omar",
    "Leila", "Samuel", "Ruth", "Kiri", "Kieran", "Akira", "Yusuf", "Nadia", "Victor", "Clara",
)
SURNAMES = (
    "Smith", "Dubois", "Müller", "Rossi", "García", "Novak", "Ivanova", "Jansen", "Okafor",
    "Haddad", "Silva", "Kowalski", "Andersson", "O'Brien", "Moreau", "Fischer", "Costa",
    "Papadopoulos", "Nakamura", "Khan", "Mensah", "Lindqvist", "Bianchi", "Kinsella", "Vogel",
)
# (romanized, hanja, hangul)
KOREAN_SURNAMES = (
    ("Kim", "金", "김"), ("Lee", "李", "이"), ("Park", "朴", "박"), ("Choi", "崔", "최"),
    ("Chung", "鄭", "정"), ("Kang", "姜", "강"), ("Yoon", "尹", "윤"), ("Han", "韓", "한"),
)
KOREAN_GIVEN = (
    ("Dong-myung", "東明", "동명"), ("Woo-taik", "宇澤", "우택"), ("Min-jun", "敏俊", "민준"),
    ("Seo-yeon", "瑞妍", "서연"), ("Ji-ho", "智浩", "지호"), ("Young-sam", "泳三", "영삼"),
    ("Dae-jung", "大中", "대중"), ("Hye-jin", "惠珍", "혜진"), ("Sung-ho", "成浩", "성호"),
    ("Eun-ji", "恩智", "은지"),
)
# (romanized, characters)
CHINESE_SURNAMES = (
    ("Wang", "王"), ("Li", "李"), ("Zhang", "張"), ("Chen", "陳"), ("Lin", "林"),
    ("Huang", "黃"), ("Liu", "劉"), ("Kim", "金"),
)
CHINESE_GIVEN = (
    ("Tung-ming", "東明"), ("Wei", "偉"), ("Fang", "芳"), ("Ming", "明"), ("Jun", "軍"),
    ("Hui", "慧"), ("Kai-shek", "介石"), ("Yi-ling", "怡玲"), ("Chih-wei", "志偉"),
)
# (name, native name or "")
CITIES = (
    ("Taipei", "臺北"), ("Seoul", "서울"), ("Tokyo", "東京"), ("Beijing", "北京"),
    ("Kyoto", "京都"), ("Busan", "부산"), ("Nanjing", "南京"), ("Tainan", "臺南"),
    ("Incheon", "인천"), ("Osaka", "大阪"), ("London", ""), ("Paris", ""), ("Rome", ""),
    ("Athens", ""), ("Venice", ""), ("Lisbon", ""), ("Amsterdam", ""), ("Vienna", ""),
    ("Cairo", ""), ("Alexandria", ""), ("Constantinople", ""), ("Baghdad", ""),
    ("Delhi", ""), ("Samarkand", ""), ("Timbuktu", ""), ("Cuzco", ""), ("Kilwa", ""),
    ("Kiev", ""), ("Antwerp", ""), ("Seville", ""), ("Malacca", ""), ("Canton", "廣州"),
)
PLACE_PREFIXES = ("", "", "", "Upper ", "Lower ", "New ", "Port ", "Fort ", "Old ")
PLACE_SUFFIXES = ("", "", "", " District", " Harbour", " Province", " Quarter", " Valley")
ORG_KINDS = (
    ("Institute", "研究院"), ("Society", "學會"), ("Company", "公司"), ("Ministry", "部"),
    ("Council", "委員會"), ("Academy", "學院"), ("Bank", "銀行"), ("Association", "協會"),
    ("Foundation", "基金會"), ("University", "大學"), ("Museum", "博物館"), ("League", "聯盟"),
)
ORG_FIELDS = (
    ("Oriental Studies", "東洋"), ("Trade", "貿易"), ("Foreign Affairs", "外交"),
    ("National Unification", "統一"), ("Economic Research", "經濟"), ("Maritime", "海洋"),
    ("Agriculture", "農業"), ("Fine Arts", "美術"), ("Natural History", "自然史"),
    ("Public Health", "衛生"),
)
DESCRIPTIONS = {
    "person": ("Retired general", "Merchant", "Diplomat", "Scholar", "Member of parliament",
               "Journalist", "Missionary", "Engineer", "Poet", "Ship's captain"),
    "organization": ("Trading company", "Research institute", "Learned society",
                     "Government ministry", "Political party", "Charitable foundation"),
    "place": ("Port city", "Capital", "Market town", "River crossing", "Mountain pass"),
}
EVENT_TITLES = (
    "{p} visits {place}", "{p} meets a delegation in {place}", "Treaty of {place} signed",
    "{p} appointed envoy to {place}", "Fire destroys the market of {place}",
    "{p} publishes a report on {place}", "Trade mission from {place} arrives",
    "Founding of a school in {place}", "{p} arrested in {place}", "Flood in {place}",
    "{p} elected to the council", "Conference on maritime trade in {place}",
    "Census of {place} completed", "{p} returns from {place}", "Uprising in {place}",
    "{p} addresses the Institute", "Embassy opened in {place}", "Harbour of {place} expanded",
)
SUMMARY_PHRASES = (
    "Reported in the local press and in a consular dispatch.",
    "Minutes of the meeting survive in two copies.",
    "Accounts differ on the date and on who attended.",
    "Mentioned in a letter written some weeks later.",
    "The figures given are estimates from the period.",
    "Recorded in the annals; no independent confirmation.",
    "Photographs and a short film of the occasion exist.",
    "Known from the diary of one of those present.",
)
ROLES = ("", "", "", "host", "delegation leader", "speaker", "signatory", "witness",
         "organizer")
RELATIONSHIP_KINDS = ("member of", "works for", "ally of", "rival of", "married to",
                      "based in", "founded", "studied at", "visited", "trades with",
                      "advised", "succeeded")
TAGS = ("Track 1.5", "visits", "trade", "maritime", "education", "conflict", "religion",
        "press", "census", "disaster", "diplomacy", "science")
SOURCE_KINDS = ("article", "report", "interview", "book", "dataset", "web page", "other")
SOURCE_TITLES = ("Annals of {place}", "Report on the trade of {place}",
                 "Letters from {place}", "A history of {place}", "Gazette of {place}",
                 "Consular dispatches, {place}")
PUBLISHERS = ("University Press", "Government Printing Office", "Royal Society",
              "The Gazette", "Private papers", "")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
