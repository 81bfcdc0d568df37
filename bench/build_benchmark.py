"""Build benchmark: time, CPU and memory of the full build against plain Pelican, at archive sizes.

For each N in --pairs (default 500 and 2000), in a temporary folder:
1. Generates a synthetic archive: a copy of content/ (pages, data, images, videos, reports and the real
   articles) plus N generated article pairs (`YYYY-MM-slug.th.md` and `.en.md`) in the project's real
   format: metadata, about 600 words of Thai or English built from hand-written sentences, `##` headings,
   and in some articles an image (a drawing of the real content, or one of 12 phone-sized JPEG photos made
   here), a `{% video %}` tag, a `{% report %}` tag, a `{centre}` link and a
   `{filename}` link. Seeded, so every run writes the same files. The content check must pass first.
2. Times five builds, each in a fresh child process:
   - cold full: `tasks.build_site` exactly as `make site` runs it (content check, Pelican with every
     plugin and the search index, staging folder swapped in), with an empty cache and no output;
   - cold, no search index: the cold full build with `SEARCH_INDEX = False`, to show what the search
     index (Thai segmentation, Pagefind) costs of the cold build: plain Pelican builds none;
   - plain pelican: the same Pelican, `python -m pelican` with no plugins and the default theme, one
     site holding both languages' files (its warnings are counted, not fatal);
   - warm rebuild: the full build again, nothing changed, same cache and output folder;
   - preview after edit: after the build `make serve` makes when it starts (untimed), one Thai article's
     text is changed, and the time is measured until the page's HTML in the output carries the change,
     built as `make serve` rebuilds: first the edited file's pages alone (`build_site(preview=True,
     only=[file])`, written into the served folder), then the whole preview (the last search index
     reused). Its CPU time and memory cover both builds.
3. Prints, per N, wall seconds, CPU seconds and peak memory per build, the ratios to plain Pelican, and
   whether the targets of the issue "Build speed at scale" are met; two floors no scheduling can beat
   (the cold build's CPU time spread evenly over every CPU, and the most Pagefind alone held at once),
   each against plain Pelican, and what stock Pagefind takes to index the English pages alone (no Thai
   terms, no plugin: `python -m pagefind --site <output>/en`), to tell the library's own cost from the
   project's; then the plugins' work counters (`photos:`, `search:`, `media:` lines)
   of a warm rebuild run with --verbose.

What is measured: each build runs under a small launcher process (LAUNCHER), which starts it and reaps
it with os.wait4, whose rusage covers the build and every descendant it waited for (the Pelican process
`build_site` starts, and the Pagefind process Pelican starts). CPU = user + system time of that whole
tree. "peak MB" = ru_maxrss: the largest resident set of any single process in the tree. The launcher is
there because Linux carries a process's peak over into a child it starts (fork and exec keep the
parent's high-water mark): started from this script, which holds the generated archive's plans, a
small build would report this script's memory as its own. The memory target is judged on what all
the processes of a build hold at the same moment (the content check runs beside Pelican, each language
in its own process, Pagefind beside the photos' encoding): their proportional set sizes added up,
sampled every 100 ms in extra, untimed runs of the cold full build and of plain Pelican (reading them
would slow the timed runs), or the largest process's peak when that is higher (a peak shorter than a
sample is missed: plain Pelican's largest resident set is one).
Wall time runs from Popen to exit (for the preview: until the edit is in the output). The machine is
shared: figures are noisy; --repeat K keeps the fastest of K runs of each build.

Run: make bench-build   (or .venv/bin/python bench/build_benchmark.py [--pairs 500 2000] [--keep DIR])
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

import yaml
from PIL import ExifTags, Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "plugins")]

import tasks  # noqa: E402

CATEGORIES = ["news", "activities", "impact-stories"]
FIRST_DATE = datetime(2015, 1, 5, 9, 0)
HOURS_BETWEEN_ARTICLES = 37  # 2000 pairs span about eight and a half years
WORDS_PER_ARTICLE = 600  # English words; the Thai text has the same sentences
COUNTER_LINE = re.compile(r"\b(?:photos|search|media):.*?(?=\s+\S+\.py:\d+\s*$|\s*$)")
WARNING_LINE = re.compile(r"\bWARNING\b\s*(.*?)\s*(?:\S+\.py:\d+)?\s*$")
QUOTED = re.compile(r"'[^']*[{/.][^']*'")

# Parallel Thai and English sentences, so a pair's two files say the same thing. {district},
# {counterpart} and {province} are filled in from one coordination centre per article, {year} with the
# article's year (Buddhist Era in Thai).
SENTENCES = [
    ("เจ้าหน้าที่อำเภอ{district}และ{counterpart}ร่วมประชุมหารือเรื่องการแลกเปลี่ยนข้อมูลข่าวสารตามแนวชายแดนอย่างสม่ำเสมอ",
     "Officials from {district} and {counterpart} met to discuss how to exchange information along the border "
     "on a regular basis."),
    ("ที่ประชุมเห็นพ้องกันว่าการค้ามนุษย์เป็นภัยคุกคามที่ต้องอาศัยความร่วมมือจากทั้งสองฝั่งแม่น้ำโขง",
     "The meeting agreed that human trafficking is a threat that needs cooperation from both banks of the Mekong."),
    ("ศูนย์ประสานงาน NTS-Mekong Watch ณ ที่ว่าการอำเภอ{district} ทำหน้าที่รับแจ้งเบาะแสจากประชาชนและส่งต่อให้หน่วยงานที่รับผิดชอบ",
     "The NTS-Mekong Watch coordination centre at the {district} district office receives reports from "
     "residents and passes them to the responsible agency."),
    ("นายอำเภอ{district}กล่าวว่าผู้นำชุมชนและผู้ใหญ่บ้านเป็นกลไกสำคัญในการเฝ้าระวังภัยในหมู่บ้าน",
     "The {district} district chief said that community leaders and village heads are key to keeping watch "
     "over their villages."),
    ("ผู้เข้าร่วมการสัมมนาได้เรียนรู้วิธีสังเกตสัญญาณของการลักลอบขนคนข้ามแดนและการเข้าเมืองโดยผิดกฎหมาย",
     "Seminar participants learned how to recognise the signs of people smuggling and illegal migration."),
    ("เจ้าหน้าที่ตรวจคนเข้าเมือง ตำรวจภูธร และศุลกากร ร่วมกันนำเสนอสถานการณ์ยาเสพติดในพื้นที่จังหวัด{province}",
     "Immigration officers, provincial police and customs officials together presented the drug situation in "
     "{province} Province."),
    ("ในปี {year} โครงการได้จัดกิจกรรมเยี่ยมเยือนระหว่างอำเภอคู่ขนานทั้งสองฝั่งชายแดนหลายครั้ง",
     "In {year}, the project organised several reciprocal visits between partner districts on both sides of "
     "the border."),
    ("การฝึกอบรมครั้งนี้เน้นการป้องกันการหลอกลวงทางออนไลน์ซึ่งมักชักชวนแรงงานให้เดินทางไปทำงานต่างประเทศ",
     "This training focused on preventing online scams that often lure workers into travelling abroad for jobs."),
    ("ประชาชนสามารถแจ้งเหตุได้ทั้งที่ศูนย์ประสานงานโดยตรงและผ่านช่องทางออนไลน์ของโครงการ",
     "Residents can report a concern in person at the coordination centre or through the project's online "
     "channel."),
    ("ทั้งสองฝ่ายตกลงจัดตั้งกลุ่มสื่อสารเพื่อประสานงานเร่งด่วนเมื่อพบผู้เสียหายจากการค้ามนุษย์",
     "Both sides agreed to set up a messaging group for urgent coordination when victims of trafficking are "
     "found."),
    ("ผู้แทนกรมการปกครองย้ำว่าความไว้วางใจระหว่างเจ้าหน้าที่ท้องถิ่นคือรากฐานของความมั่นคงชายแดน",
     "The representative of the Department of Provincial Administration stressed that trust between local "
     "officials is the foundation of border security."),
    ("กำนันและผู้ใหญ่บ้านทำหน้าที่เป็นผู้ประสานงานระดับตำบลและหมู่บ้านของศูนย์ประสานงาน",
     "Subdistrict and village heads act as the coordination centre's coordinators in every subdistrict and "
     "village."),
    ("การสัมมนาเชื่อมโยงลุ่มน้ำโขงเปิดโอกาสให้เจ้าหน้าที่ไทย ลาว และกัมพูชา ได้พบปะและแลกเปลี่ยนประสบการณ์กัน",
     "The Mekong River Linkage Seminar gave Thai, Lao and Cambodian officials a chance to meet and share their "
     "experience."),
    ("เจ้าหน้าที่สาธารณสุขจากทั้งสองฝั่งได้ซ้อมแผนการส่งต่อผู้ป่วยข้ามแดนอย่างปลอดภัย",
     "Health workers from both sides rehearsed a plan for moving patients safely across the border."),
    ("ผู้เข้าร่วมอภิปรายถึงปัญหาแรงงานข้ามชาติที่ไม่มีเอกสารและความเสี่ยงที่จะตกเป็นเหยื่อของขบวนการค้ามนุษย์",
     "Participants discussed undocumented migrant workers and the risk that they fall victim to trafficking "
     "networks."),
    ("ที่ประชุมได้ทบทวนขั้นตอนการคัดแยกผู้เสียหายและการให้ความช่วยเหลือเบื้องต้นแก่ผู้ที่ถูกหลอกลวง",
     "The meeting reviewed the steps for identifying victims and giving first assistance to people who have "
     "been deceived."),
    ("ทีมงานโครงการลงพื้นที่เพื่อติดตามการดำเนินงานของศูนย์ประสานงานและรับฟังข้อเสนอแนะจากชุมชน",
     "The project team visited the area to follow the coordination centre's work and to hear suggestions from "
     "the community."),
    ("ชาวบ้านริมแม่น้ำโขงเล่าว่าการค้าขายข้ามแดนเป็นส่วนหนึ่งของชีวิตประจำวันมาหลายชั่วอายุคน",
     "Villagers along the Mekong explained that trade across the border has been part of daily life for "
     "generations."),
    ("เจ้าหน้าที่ได้รับคู่มือการปฏิบัติงานซึ่งอธิบายบทบาทของแต่ละหน่วยงานเมื่อได้รับแจ้งเบาะแส",
     "Officials received a handbook explaining the role of each agency when a report comes in."),
    ("การแลกเปลี่ยนข้อมูลอย่างรวดเร็วช่วยให้สามารถสกัดกั้นการลักลอบขนยาเสพติดได้ก่อนถึงชุมชน",
     "Fast information exchange makes it possible to stop drug smuggling before it reaches the community."),
    ("ผู้แทนจากฝั่ง{counterpart}กล่าวขอบคุณฝ่ายไทยที่ให้การต้อนรับและแบ่งปันแนวทางการทำงาน",
     "The delegation from {counterpart} thanked the Thai side for its welcome and for sharing its way of "
     "working."),
    ("กิจกรรมกีฬาและวัฒนธรรมร่วมกันช่วยสร้างมิตรภาพระหว่างเยาวชนของทั้งสองประเทศ",
     "Joint sports and cultural activities helped build friendship between young people of both countries."),
    ("นักเรียนในโรงเรียนชายแดนได้รับความรู้เรื่องภัยจากการค้ามนุษย์และวิธีขอความช่วยเหลือ",
     "Pupils in border schools learned about the dangers of human trafficking and how to ask for help."),
    ("ศูนย์ประสานงานจัดทำทะเบียนเครือข่ายอาสาสมัครเพื่อให้ติดต่อกันได้ทันทีเมื่อเกิดเหตุ",
     "The coordination centre keeps a register of volunteers so that they can be reached at once when "
     "something happens."),
    ("ที่ประชุมเสนอให้จัดการฝึกซ้อมร่วมกันปีละสองครั้งเพื่อทดสอบช่องทางการสื่อสาร",
     "The meeting proposed joint exercises twice a year to test the communication channels."),
    ("การสร้างความตระหนักรู้ในชุมชนเป็นวิธีที่ได้ผลที่สุดในการป้องกันไม่ให้ประชาชนตกเป็นเหยื่อ",
     "Raising awareness in the community is the most effective way to keep people from becoming victims."),
    ("เจ้าหน้าที่อำเภอ{district}ได้นำเสนอกรณีตัวอย่างที่ชาวบ้านแจ้งเบาะแสจนสามารถช่วยเหลือผู้เสียหายได้สำเร็จ",
     "{district} officials presented a case in which a villager's report led to the rescue of a victim."),
    ("ทั้งสองฝ่ายเห็นควรให้มีการประชุมทบทวนผลการดำเนินงานทุกไตรมาส",
     "Both sides agreed to hold a meeting every quarter to review the results of their work."),
    ("ผู้เชี่ยวชาญจากองค์กรระหว่างประเทศได้แนะนำแนวทางการบริหารจัดการชายแดนแบบครอบคลุม",
     "Experts from international organisations introduced an approach to comprehensive border management."),
    ("การประชุมจัดขึ้นเป็นภาษาไทยและภาษาลาวโดยมีล่ามช่วยแปลสำหรับผู้แทนจากกัมพูชา",
     "The meeting was held in Thai and Lao, with interpreters for the Cambodian delegates."),
    ("ประชาชนที่พบเห็นเหตุการณ์ผิดปกติไม่ควรเผชิญหน้ากับผู้กระทำผิดด้วยตนเอง แต่ควรแจ้งเจ้าหน้าที่โดยเร็ว",
     "People who see something unusual should not confront those responsible themselves but should tell the "
     "officials quickly."),
    ("จุดผ่านแดนถาวรในพื้นที่มีผู้เดินทางและรถขนส่งสินค้าผ่านเข้าออกจำนวนมากในแต่ละวัน",
     "Many travellers and lorries pass through the permanent border crossing in the area every day."),
    ("โครงการได้รับการสนับสนุนจากกองทุนความร่วมมือแม่โขง-สาธารณรัฐเกาหลี",
     "The project is supported by the Mekong-Republic of Korea Cooperation Fund."),
    ("ผลการประเมินหลังการอบรมพบว่าผู้เข้าร่วมมีความรู้ความเข้าใจเพิ่มขึ้นอย่างชัดเจน",
     "The evaluation after the training showed that participants clearly understood more than before."),
    ("เจ้าหน้าที่ทั้งสองฝั่งได้แลกเปลี่ยนหมายเลขโทรศัพท์ติดต่อเพื่อให้ประสานงานกันได้ตลอดเวลา",
     "Officials on both sides exchanged telephone numbers so that they can coordinate at any time."),
    ("การเข้าเมืองโดยผิดกฎหมายมักเกิดขึ้นผ่านช่องทางธรรมชาติที่ไม่มีด่านตรวจ",
     "Illegal migration often takes place through natural crossings where there is no checkpoint."),
    ("ผู้นำชุมชนเสนอให้ติดตั้งป้ายประชาสัมพันธ์ช่องทางการแจ้งเหตุไว้ในหมู่บ้านริมน้ำ",
     "Community leaders suggested putting up signs about how to report a concern in riverside villages."),
    ("ในช่วงท้ายของการประชุม ผู้แทนทั้งสองฝ่ายได้ลงนามในบันทึกการประชุมร่วมกัน",
     "At the end of the meeting, representatives of both sides signed the minutes together."),
    ("ศูนย์ประสานงานอำเภอ{district}มีนายอำเภอเป็นหัวหน้าและมีปลัดอำเภอฝ่ายความมั่นคงเป็นเลขานุการ",
     "The {district} coordination centre is headed by the district chief, with the deputy district chief for "
     "security as its secretary."),
    ("ความร่วมมือในครั้งนี้สะท้อนถึงความตั้งใจร่วมกันที่จะทำให้พื้นที่ชายแดนลุ่มน้ำโขงปลอดภัยสำหรับทุกคน",
     "This cooperation reflects a shared will to make the Mekong borderlands safe for everyone."),
]
HEADINGS = [
    ("ความร่วมมือข้ามพรมแดน", "Cooperation across the border"),
    ("บทบาทของศูนย์ประสานงาน", "The role of the coordination centre"),
    ("การป้องกันการค้ามนุษย์", "Preventing human trafficking"),
    ("ผลการสัมมนา", "What the seminar achieved"),
    ("เสียงจากชุมชน", "Voices from the community"),
    ("ขั้นตอนต่อไป", "Next steps"),
    ("การแจ้งเบาะแสอย่างปลอดภัย", "Reporting safely"),
    ("การแลกเปลี่ยนข้อมูลข่าวสาร", "Sharing information"),
]
# (Thai title, English title, slug stem)
TITLES = [
    ("การสัมมนาความร่วมมือชายแดนที่อำเภอ{district}", "Border cooperation seminar in {district}", "seminar"),
    ("ศูนย์ประสานงานอำเภอ{district}อบรมการป้องกันการค้ามนุษย์",
     "{district} coordination centre trains staff to prevent human trafficking", "trafficking-training"),
    ("เจ้าหน้าที่อำเภอ{district}เยือน{counterpart}", "{district} officials visit {counterpart}", "reciprocal-visit"),
    ("ชุมชนริมโขงอำเภอ{district}ร่วมเฝ้าระวังยาเสพติด",
     "Riverside communities in {district} keep watch against drug smuggling", "drug-watch"),
    ("ประชุมทบทวนผลการดำเนินงานของศูนย์ประสานงานอำเภอ{district}",
     "Review meeting of the {district} coordination centre", "review-meeting"),
    ("เรื่องราวจากอำเภอ{district}: ชาวบ้านแจ้งเบาะแสช่วยผู้เสียหาย",
     "A story from {district}: a villager's report helps a victim", "villager-report"),
]
SUMMARY = ("สรุปการดำเนินงานของศูนย์ประสานงานอำเภอ{district} จังหวัด{province} ร่วมกับเจ้าหน้าที่จาก{counterpart}",
           "What the {district} coordination centre in {province} Province did with officials from {counterpart}.")
# Photos as staff take them: JPEGs from a phone, made here (seeded), each shown in several articles, so
# the photos plugin's derivatives and metadata stripping are part of the measure.
PHOTOS = 12
PHOTO_SIZE = (2016, 1512)
PHOTO_ALT = ("ภาพถ่ายกิจกรรมภาคสนามของเจ้าหน้าที่อำเภอริมแม่น้ำโขง หมายเลข {number}",
             "Photo of district officials' field activity on the Mekong, number {number}")
IMAGE_ALT = {
    "coordination-centre-network.svg": ("แผนภาพเครือข่ายศูนย์ประสานงานที่เชื่อมที่ว่าการอำเภอกับหมู่บ้านโดยรอบ",
                                        "Diagram of a coordination centre linking the district office with the "
                                        "villages around it"),
    "field-visit.svg": ("ภาพวาดเจ้าหน้าที่สองฝั่งแม่น้ำเชื่อมถึงกันด้วยเส้นประระหว่างการลงพื้นที่",
                        "Drawing of officials on both banks of a river joined by a dotted line during a field visit"),
    "online-reporting.svg": ("ภาพวาดบุคคลใช้โทรศัพท์มือถือแจ้งเหตุถึงหน่วยงานของรัฐ",
                             "Drawing of a person using a phone to send a report to a government office"),
    "online-training.svg": ("ภาพวาดคอมพิวเตอร์โน้ตบุ๊กแสดงการอบรมออนไลน์ที่มีผู้เข้าร่วมหลายคน",
                            "Drawing of a laptop showing an online training with several participants"),
    "patient-transfer.svg": ("ภาพวาดรถพยาบาลระหว่างสถานพยาบาลสองแห่งคนละฝั่งชายแดน",
                             "Drawing of an ambulance between two health centres on either side of the border"),
    "seminar-river-banks.svg": ("ภาพวาดแม่น้ำระหว่างสองฝั่งที่มีกลุ่มคนมาพบกัน",
                                "Drawing of a river between two banks with groups of people meeting"),
}
YOUTUBE = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
YOUTUBE_TITLE = ("วิดีโอการประชุมที่อำเภอ{district}", "Video of the meeting in {district}")
CENTRE_LINK = ("ผู้ที่พบเห็นเหตุการณ์ผิดปกติติดต่อ[ศูนย์ประสานงานอำเภอ{district}]({{centre}}{centre_id})ได้ทุกวันในเวลาราชการ",
               "Anyone who sees something unusual can contact [the {district} coordination centre]"
               "({{centre}}{centre_id}) on working days.")
EARLIER_LINK = ("อ่านเพิ่มเติมเกี่ยวกับ[กิจกรรมก่อนหน้านี้]({{filename}}/articles/{earlier}.th.md)",
                "Read more about [an earlier activity]({{filename}}/articles/{earlier}.en.md).")
PREVIEW_EDIT = "ข้อความนี้แก้ไขเพื่อทดสอบการแสดงตัวอย่าง {marker}"
LANGS = ("th", "en")


@dataclass(frozen=True)
class Paragraph:
    """Sentence numbers (into SENTENCES), and which links end the paragraph."""

    sentences: tuple[int, ...]
    centre_link: bool = False
    earlier_link: bool = False


@dataclass(frozen=True)
class ArticlePlan:
    """What one article pair says, independent of language: both files are rendered from it."""

    stem: str  # YYYY-MM-slug
    slug: str
    date: datetime
    category: str
    title: int  # into TITLES
    centre: dict
    parts: tuple  # Paragraph, or ("heading", n), ("image", svg), ("photo", n), ("video", spec), ("report", id)
    earlier: str | None  # stem of an earlier pair to link to


@dataclass
class Measurement:
    """One build: wall and CPU seconds, peak resident memory, exit status and what it printed."""

    wall: float
    cpu: float
    peak_mb: float  # the largest process
    returncode: int
    log: str = ""
    together_mb: float = 0.0  # with sample_memory: the most the tree's processes held at one moment
    pagefind_mb: float = 0.0  # with sample_memory: the most its Pagefind processes held at one moment


@dataclass
class SiteUnderTest:
    """The folders of one benchmark size."""

    root: Path
    pairs: int
    content: Path = field(init=False)
    plain_content: Path = field(init=False)
    cache: Path = field(init=False)
    output: Path = field(init=False)
    plain_output: Path = field(init=False)
    full_settings: Path = field(init=False)
    plain_settings: Path = field(init=False)

    def __post_init__(self):
        self.content = self.root / "content"
        self.plain_content = self.root / "plain-content"
        self.cache = self.root / "cache"
        self.output = self.root / "output"
        self.plain_output = self.root / "plain-output"
        self.full_settings = self.root / "full_settings.py"
        self.plain_settings = self.root / "plain_settings.py"


# --- The synthetic archive -------------------------------------------------------------------------


def load_ids(content: Path) -> dict[str, list]:
    """Centre records, report and video ids, and article images, from the copied content."""
    def records(name: str) -> list[dict]:
        return yaml.safe_load((content / "data" / name).read_text(encoding="utf-8"))

    return {
        "centres": records("centres.yaml"),
        "reports": [report["id"] for report in records("reports.yaml")],
        "videos": [video["id"] for video in records("videos.yaml")],
        "images": sorted(path.name for path in (content / "images/articles").glob("*.svg") if path.name in IMAGE_ALT),
    }


def plan_article(index: int, ids: dict[str, list], earlier: str | None) -> ArticlePlan:
    """The plan of pair number `index`; seeded by the index alone, so it does not depend on N."""
    rng = random.Random(f"build-benchmark-{index}")
    centre = rng.choice(ids["centres"])
    title = rng.randrange(len(TITLES))
    date = FIRST_DATE + timedelta(hours=index * HOURS_BETWEEN_ARTICLES)
    slug = f"{TITLES[title][2]}-{centre['id']}-{index:04d}"
    words, paragraphs = 0, []
    while words < WORDS_PER_ARTICLE:
        sentences = tuple(rng.randrange(len(SENTENCES)) for _ in range(rng.randint(3, 5)))
        words += sum(len(SENTENCES[number][1].split()) for number in sentences)
        paragraphs.append(Paragraph(sentences))
    if rng.random() < 0.4:
        at = rng.randrange(len(paragraphs))
        paragraphs[at] = Paragraph(paragraphs[at].sentences, centre_link=True)
    if earlier and rng.random() < 0.2:
        paragraphs[-1] = Paragraph(paragraphs[-1].sentences, paragraphs[-1].centre_link, earlier_link=True)
    blocks = []
    if rng.random() < 0.3:
        blocks.append(("image", rng.choice(ids["images"])))
    if rng.random() < 0.1:
        blocks.append(("photo", rng.randrange(PHOTOS)))
    if rng.random() < 0.15:
        blocks.append(("video", rng.choice([f"id={video}" for video in ids["videos"]] + [YOUTUBE])))
    if rng.random() < 0.15:
        blocks.append(("report", rng.choice(ids["reports"])))
    parts: list = []
    headings = rng.sample(range(len(HEADINGS)), 3)
    for number, paragraph in enumerate(paragraphs):
        if number and number % 3 == 0 and headings:
            parts.append(("heading", headings.pop()))
        parts.append(paragraph)
        if number in (0, 2, 5) and blocks:  # images and embeds between the first paragraphs
            parts.append(blocks.pop(0))
    parts.extend(blocks)
    return ArticlePlan(f"{date:%Y-%m}-{slug}", slug, date, rng.choice(CATEGORIES), title, centre, tuple(parts),
                       earlier)


def render_article(plan: ArticlePlan, lang: str) -> str:
    """One language's Markdown file of a planned pair."""
    which = LANGS.index(lang)
    year = plan.date.year + (543 if lang == "th" else 0)
    names = {"district": plan.centre["district"][lang], "province": plan.centre["province"][lang],
             "counterpart": plan.centre["counterpart"]["district"][lang], "year": year,
             "centre_id": plan.centre["id"], "earlier": plan.earlier}
    text = []
    for part in plan.parts:
        if isinstance(part, Paragraph):
            sentences = [SENTENCES[number][which].format(**names) for number in part.sentences]
            if part.centre_link:
                sentences.append(CENTRE_LINK[which].format(**names))
            if part.earlier_link:
                sentences.append(EARLIER_LINK[which].format(**names))
            text.append(" ".join(sentences))  # Thai, too, separates sentences with a space
        elif part[0] == "heading":
            text.append(f"## {HEADINGS[part[1]][which]}")
        elif part[0] == "photo":
            alt = PHOTO_ALT[which].format(number=part[1] + 1)
            text.append(f"![{alt}]({{static}}/images/photos/field-{part[1]:02d}.jpg)")
        elif part[0] == "image":
            text.append(f"![{IMAGE_ALT[part[1]][which]}]({{static}}/images/articles/{part[1]})")
        elif part[0] == "video" and part[1] == YOUTUBE:
            text.append(f'{{% video {YOUTUBE} title="{YOUTUBE_TITLE[which].format(**names)}" %}}')
        elif part[0] == "video":
            text.append(f"{{% video {part[1]} %}}")
        elif part[0] == "report":
            text.append(f"{{% report {part[1]} %}}")
    header = (f"Title: {TITLES[plan.title][which].format(**names)}\nSlug: {plan.slug}\nLang: {lang}\n"
              f"Date: {plan.date:%Y-%m-%d %H:%M}\nCategory: {plan.category}\n"
              f"Summary: {SUMMARY[which].format(**names)}\n")
    return header + "\n" + "\n\n".join(text) + "\n"


def generate_archive(site: SiteUnderTest) -> list[ArticlePlan]:
    """Copy content/ and add the synthetic pairs; return their plans."""
    shutil.copytree(ROOT / "content", site.content)
    make_photos(site.content / "images" / "photos")
    ids = load_ids(site.content)
    plans, earlier = [], None
    for index in range(site.pairs):
        plan = plan_article(index, ids, earlier)
        for lang in LANGS:
            (site.content / "articles" / f"{plan.stem}.{lang}.md").write_text(render_article(plan, lang),
                                                                              encoding="utf-8")
        plans.append(plan)
        earlier = plan.stem
    return plans


def make_photos(folder: Path) -> None:
    """PHOTOS phone-sized JPEGs: soft colour fields with shapes, different for each, seeded."""
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(PHOTOS):
        rng = random.Random(f"build-benchmark-photo-{number}")
        image = Image.linear_gradient("L").resize(PHOTO_SIZE).convert("RGB")
        scales = [rng.uniform(0.3, 1.0) for _ in range(3)]
        image = Image.merge("RGB", [channel.point([int(value * scale) for value in range(256)])
                                    for channel, scale in zip(image.split(), scales, strict=True)])
        draw = ImageDraw.Draw(image)
        for _ in range(40):
            x, y = rng.randrange(PHOTO_SIZE[0]), rng.randrange(PHOTO_SIZE[1])
            size = rng.randrange(40, 400)
            draw.ellipse((x, y, x + size, y + size), fill=tuple(rng.randrange(256) for _ in range(3)))
        exif = Image.Exif()  # where and with what it was taken, as a phone writes it: published without
        exif[ExifTags.Base.Make] = "PhoneMaker"
        exif[ExifTags.IFD.GPSInfo] = {1: "N", 2: (17.0, 52.0, float(number)), 3: "E", 4: (102.0, 44.0, 10.0)}
        image.save(folder / f"field-{number:02d}.jpg", quality=88, exif=exif)


def copy_for_plain_pelican(site: SiteUnderTest) -> None:
    """The same files for plain Pelican, but no two pages saved to the same file.

    Each language's home page says `Save_as: index.html` (each language site has its own); one plain
    site refuses two pages with one `Save_as`, so the other languages' copies go under `<lang>/`.
    """
    shutil.copytree(site.content, site.plain_content)
    for page in sorted((site.plain_content / "pages").glob("*.md")):
        text = page.read_text(encoding="utf-8")
        header, body = text.split("\n\n", 1)
        lang = re.search(r"^Lang:\s*(\S+)", header, re.MULTILINE)
        if lang and lang.group(1) != "th" and re.search(r"^Save_as:", header, re.MULTILINE):
            header = re.sub(r"^Save_as:\s*", f"Save_as: {lang.group(1)}/", header, flags=re.MULTILINE)
            page.write_text(f"{header}\n\n{body}", encoding="utf-8")


def write_settings(site: SiteUnderTest) -> None:
    """The full settings (every plugin, as `make site`) and the plain Pelican settings."""
    # As tests/conftest.py FixtureSite, but with every plugin and check: only the paths change.
    site.full_settings.write_text(textwrap.dedent(f"""\
        from pelicanconf import *
        PATH = {str(site.content)!r}
        THEME = {str(ROOT / "theme")!r}
        PLUGIN_PATHS = [{str(ROOT / "plugins")!r}]
        CACHE_PATH = {str(site.cache)!r}
        """), encoding="utf-8")
    # Templates named by pages' `Template:` lines; the default theme has none of them, so each is its page.html.
    stubs = site.root / "plain-templates"
    stubs.mkdir(exist_ok=True)
    for template in page_templates(site.content):
        (stubs / f"{template}.html").write_text('{% extends "page.html" %}\n', encoding="utf-8")
    site.plain_settings.write_text(textwrap.dedent(f"""\
        AUTHOR = "Department of Provincial Administration"
        SITENAME = "NTS-Mekong Watch"
        SITEURL = ""
        PATH = {str(site.plain_content)!r}
        CACHE_PATH = {str(site.root / "plain-cache")!r}
        TIMEZONE = "Asia/Bangkok"
        DEFAULT_LANG = "th"
        PLUGINS = []
        READERS = {{"rst": None, "html": None, "htm": None}}
        ARTICLE_PATHS = ["articles"]
        PAGE_PATHS = ["pages"]
        STATIC_PATHS = ["images", "videos", "reports"]
        THEME_TEMPLATES_OVERRIDES = [{str(stubs)!r}]
        # The home pages are saved as index.html; the article list moves aside, as in pelicanconf.py.
        INDEX_SAVE_AS = "news/index.html"
        FEED_ALL_ATOM = None
        CATEGORY_FEED_ATOM = None
        TRANSLATION_FEED_ATOM = None
        AUTHOR_FEED_ATOM = None
        AUTHOR_FEED_RSS = None
        """), encoding="utf-8")


def page_templates(content: Path) -> set[str]:
    """Every `Template:` named in a page's metadata."""
    found = set()
    for page in (content / "pages").glob("*.md"):
        header = page.read_text(encoding="utf-8").split("\n\n", 1)[0]
        found.update(re.findall(r"^Template:\s*(\S+)", header, re.MULTILINE))
    return found


def check_archive(site: SiteUnderTest) -> None:
    """Run the project's content check on the synthetic archive; stop on any error."""
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        errors = tasks.check_content(str(site.full_settings), str(site.content))
    lines = printed.getvalue().splitlines()
    if errors:
        print("\n".join(lines))
        raise SystemExit(f"The synthetic archive has {errors} content error(s) (above).")
    print(f"  content check: 0 errors, {sum('warning:' in line for line in lines)} warning(s)")


# --- Measuring a child process ---------------------------------------------------------------------


def tree_memory_mb(launcher: int) -> tuple[float, float]:
    """The memory the launcher's descendants hold now, in MB (0 once they are gone), and Pagefind's part.

    Each process's proportional set size (PSS, from Linux's /proc/<pid>/smaps_rollup): a page that forked
    processes share counts once in all, split between them. Reading it walks the process's page tables
    (about 8 ms per 400 MB), which is why the timed runs do not sample it.
    """
    total, pagefind, stack = 0, 0, [launcher]
    while stack:
        current = stack.pop()
        if not Path(f"/proc/{current}/task/{current}/children").exists() and Path(f"/proc/{current}").exists():
            raise SystemExit("This kernel does not list a process's children in /proc (CONFIG_PROC_CHILDREN): "
                             "the memory of the whole build cannot be measured here.")
        try:
            held = 0
            if current != launcher:
                with open(f"/proc/{current}/smaps_rollup") as rollup:
                    held = next(int(line.split()[1]) for line in rollup if line.startswith("Pss:")) * 1024
            total += held
            if Path(f"/proc/{current}/comm").read_text().strip() == "pagefind":
                pagefind += held
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as children:
                    stack.extend(int(child) for child in children.read().split())
        except (OSError, ValueError, StopIteration):
            continue  # it ended meanwhile
    return total / 2**20, pagefind / 2**20


# Runs sys.argv[2:], then writes its wait4 CPU seconds and ru_maxrss (KB) to the file sys.argv[1] and exits
# with its status. A few MB itself, so the build's peak starts from that rather than from this script's.
LAUNCHER = """
import os, subprocess, sys
child = subprocess.Popen(sys.argv[2:])
_, status, usage = os.wait4(child.pid, 0)
with open(sys.argv[1], "w") as report:
    report.write(f"{usage.ru_utime + usage.ru_stime} {usage.ru_maxrss}")
sys.exit(os.waitstatus_to_exitcode(status))
"""


def run_measured(command: list[str], ready: Callable[[], bool] | None = None,
                 sample_memory: bool = False) -> Measurement:
    """Run a command in a fresh child process; measure its whole tree with os.wait4.

    With `ready`, wall time stops when `ready()` first returns true (polled every 20 ms), else at exit.
    With `sample_memory`, the memory of all its processes together is sampled every 100 ms.
    """
    env = {**os.environ, "COLUMNS": "200"}
    with tempfile.TemporaryFile() as log, tempfile.NamedTemporaryFile(mode="r") as usage_report:
        start = time.perf_counter()
        child = subprocess.Popen([sys.executable, "-S", "-c", LAUNCHER, usage_report.name, *command], cwd=ROOT,
                                 env=env, stdout=log, stderr=subprocess.STDOUT)
        ready_at, together, pagefind, sampled_at = None, 0.0, 0.0, 0.0
        while True:
            pid, status, _usage = os.wait4(child.pid, os.WNOHANG if ready or sample_memory else 0)
            if pid:
                end = time.perf_counter()
                break
            if sample_memory and time.perf_counter() - sampled_at >= 0.1:
                sampled_at = time.perf_counter()
                now = tree_memory_mb(child.pid)
                together, pagefind = max(together, now[0]), max(pagefind, now[1])
            if ready and ready_at is None and ready():
                ready_at = time.perf_counter()
            time.sleep(0.02)
        child.returncode = os.waitstatus_to_exitcode(status)  # keep Popen from waiting again
        if ready and ready_at is None and ready():
            ready_at = end
        log.seek(0)
        text = log.read().decode("utf-8", errors="replace")
        cpu, max_rss_kb = (float(figure) for figure in usage_report.read().split())
    # Never ready: the caller finds the edit missing and stops.
    wall = (ready_at if ready_at is not None else end) - start
    return Measurement(wall, cpu, max_rss_kb / 1024, child.returncode, text,
                       together_mb=together, pagefind_mb=pagefind)


def full_build_command(site: SiteUnderTest, extra_args: str = "") -> list[str]:
    """`make site`, as tasks.build_site runs it, with this site's settings, content and output."""
    call = (f"import tasks; tasks.build_site({str(site.full_settings)!r}, {str(site.output)!r}, {extra_args!r}, "
            f"content={str(site.content)!r})")
    return [sys.executable, "-c", call]


def plain_build_command(site: SiteUnderTest) -> list[str]:
    """Plain Pelican: no plugins, default theme, warnings not fatal."""
    return [sys.executable, "-m", "pelican", str(site.plain_content), "--settings", str(site.plain_settings),
            "--output", str(site.plain_output)]


def preview_command(site: SiteUnderTest, edited: Path | None = None) -> list[str]:
    """What `make serve` runs: a preview build (reader cache, last search index); after an edit to
    `edited`, first the quick build of that file's pages (written into the served folder), then the full one.
    """
    build = (f"tasks.build_site({str(site.full_settings)!r}, {str(site.output)!r}, '', content={str(site.content)!r}, "
             "preview=True{})")
    calls = [build.format(f", only=[{str(edited)!r}]")] if edited else []
    return [sys.executable, "-c", "; ".join(["import tasks", *calls, build.format("")])]


def checked(name: str, measurement: Measurement) -> Measurement:
    """Stop, showing the build's output, when a build failed."""
    if measurement.returncode != 0:
        print(measurement.log[-4000:])
        raise SystemExit(f"{name}: the build failed (exit {measurement.returncode}), output above.")
    return measurement


def fastest(runs: list[Measurement]) -> Measurement:
    """The run with the lowest wall time."""
    return min(runs, key=lambda run: run.wall)


def measure_cold(site: SiteUnderTest, repeat: int, extra_args: str = "") -> Measurement:
    """The full build from an empty cache into no output."""
    runs = []
    for _ in range(repeat):
        shutil.rmtree(site.cache, ignore_errors=True)
        shutil.rmtree(site.output, ignore_errors=True)
        runs.append(checked("cold full", run_measured(full_build_command(site, extra_args))))
    return fastest(runs)


def measure_plain(site: SiteUnderTest, repeat: int) -> Measurement:
    """Plain Pelican into an empty output folder."""
    runs = []
    for _ in range(repeat):
        shutil.rmtree(site.plain_output, ignore_errors=True)
        shutil.rmtree(site.root / "plain-cache", ignore_errors=True)
        runs.append(checked("plain pelican", run_measured(plain_build_command(site))))
    return fastest(runs)


def measure_warm(site: SiteUnderTest, repeat: int) -> Measurement:
    """The full build again, nothing changed, with the cache and output of the previous build."""
    return fastest([checked("warm rebuild", run_measured(full_build_command(site))) for _ in range(repeat)])


def measure_preview(site: SiteUnderTest, plan: ArticlePlan, repeat: int) -> Measurement:
    """Edit one Thai article; time until its page in the output shows the edit.

    `make serve` builds once when it starts (untimed here), then again after each edit (timed).
    """
    checked("preview at start", run_measured(preview_command(site)))
    source = site.content / "articles" / f"{plan.stem}.th.md"
    page = site.output / "articles" / f"{plan.slug}.html"
    runs = []
    for attempt in range(repeat):
        marker = f"preview-edit-{attempt}-{time.time_ns()}"
        header, body = source.read_text(encoding="utf-8").split("\n\n", 1)
        source.write_text(f"{header}\n\n{PREVIEW_EDIT.format(marker=marker)}\n\n{body}", encoding="utf-8")

        def edit_published(marker: str = marker) -> bool:
            try:
                return marker in page.read_text(encoding="utf-8")
            except OSError:  # not there yet, or being swapped in
                return False

        run = checked("preview after edit", run_measured(preview_command(site, source), ready=edit_published))
        if not edit_published():
            raise SystemExit(f"preview after edit: {page} does not show the edit {marker}")
        runs.append(run)
    return fastest(runs)


# --- Report ------------------------------------------------------------------------------------------


def machine_state(when: str) -> str:
    """Load averages and CPU count."""
    one, five, fifteen = os.getloadavg()
    return f"machine at {when}: load average {one:.2f} {five:.2f} {fifteen:.2f}, {os.cpu_count()} CPUs"


def warnings_of(log: str) -> Counter:
    """Warning messages a Pelican run logged, by kind (Pelican itself drops exact repeats)."""
    return Counter(QUOTED.sub("'…'", match.group(1))[:100]
                   for line in log.splitlines() if (match := WARNING_LINE.search(line)))


def verdict(passed: bool) -> str:
    """PASS or FAIL."""
    return "PASS" if passed else "FAIL"


def measure_stock_pagefind(site: SiteUnderTest) -> Measurement:
    """Stock Pagefind indexing the cold build's English pages, as any Pagefind site would be indexed."""
    with tempfile.TemporaryDirectory(prefix="stock-pagefind-") as bundle:
        return checked("stock Pagefind", run_measured([sys.executable, "-m", "pagefind", "--site",
                                                       str(site.output / "en"), "--output-path", bundle]))


def print_table(site: SiteUnderTest, rows: dict[str, Measurement], together_mb: tuple[float, float],
                pagefind_mb: float, stock: Measurement, counters: list[str], files: int) -> None:
    """The results of one N, with the targets of the issue."""
    plain, cold = rows["plain pelican"], rows["cold full"]
    print(f"\nN = {site.pairs} article pairs ({files} Markdown files in all)")
    print(f"  {'build':<22}{'wall s':>8}{'CPU s':>8}{'peak MB':>9}{'wall/plain':>12}{'mem/plain':>11}")
    for name, run in rows.items():
        print(f"  {name:<22}{run.wall:>8.2f}{run.cpu:>8.2f}{run.peak_mb:>9.0f}{run.wall / plain.wall:>11.2f}x"
              f"{run.peak_mb / plain.peak_mb:>10.2f}x")
    warm, preview = rows["warm rebuild"], rows["preview after edit"]
    print(f"  full cold <= 1.0x plain: {verdict(cold.wall <= plain.wall)} ({cold.wall / plain.wall:.2f}x)")
    # Each side: the most its processes held together in the samples, or its largest process's peak if
    # higher (a short peak can fall between samples: plain Pelican's does).
    ours, theirs = max(together_mb[0], cold.peak_mb), max(together_mb[1], plain.peak_mb)
    print(f"  peak memory <= 1.5x plain: {verdict(ours <= 1.5 * theirs)} ({ours / theirs:.2f}x: every process "
          f"at once, {ours:.0f} MB against {theirs:.0f} MB, sampled in extra untimed runs of the cold full build "
          f"and of plain Pelican; the largest process alone {cold.peak_mb / plain.peak_mb:.2f}x)")
    print(f"  warm rebuild <= 50% of cold: {verdict(warm.wall <= 0.5 * cold.wall)} ({warm.wall / cold.wall:.0%})")
    print(f"  preview <= 25% of cold: {verdict(preview.wall <= 0.25 * cold.wall)} ({preview.wall / cold.wall:.0%})")
    search = cold.wall - rows["cold, no search index"].wall
    print(f"  the search index (Thai segmentation and Pagefind) is {search:.1f} s of the cold build "
          f"({search / cold.wall:.0%}); plain Pelican builds none")
    # What no scheduling can beat: the work itself spread perfectly over every CPU, and Pagefind's memory.
    cpus = os.cpu_count() or 1
    print(f"  floors: the cold build's {cold.cpu:.1f} CPU-s take at least {cold.cpu / cpus:.1f} s on {cpus} CPUs "
          f"({cold.cpu / cpus / plain.wall:.2f}x plain); Pagefind alone held up to {pagefind_mb:.0f} MB at once "
          f"({pagefind_mb / theirs:.2f}x plain)")
    print(f"  stock Pagefind on the English pages alone (no Thai terms, no plugin): {stock.wall:.1f} s, "
          f"{stock.cpu:.1f} CPU-s, {stock.peak_mb:.0f} MB ({stock.peak_mb / theirs:.2f}x plain Pelican's whole build)")
    warnings = warnings_of(plain.log)
    print(f"  plain pelican logged {sum(warnings.values())} warning(s)"
          + "".join(f"\n    {count} x {message}" for message, count in warnings.most_common(5)))
    if counters:
        print("  work counters of a warm rebuild (an extra, untimed run with --verbose):")
        print("\n".join(f"    {line}" for line in counters))
    else:
        print("  the warm rebuild logged no photos:/search:/media: work counters")


def benchmark(root: Path, pairs: int, repeat: int) -> None:
    """Generate, check, build four ways, print."""
    site = SiteUnderTest(root / f"pairs-{pairs}", pairs)
    shutil.rmtree(site.root, ignore_errors=True)
    site.root.mkdir(parents=True)
    started = time.perf_counter()
    plans = generate_archive(site)
    copy_for_plain_pelican(site)
    write_settings(site)
    files = len(list(site.content.rglob("*.md")))
    print(f"\nGenerated {pairs} pairs in {site.content} ({time.perf_counter() - started:.1f} s)")
    check_archive(site)
    # Where the time goes: the same cold build without the search index (first: the others reuse the
    # cold build's cache and output).
    without_search = measure_cold(site, repeat, "-e SEARCH_INDEX=false")
    rows = {"cold full": measure_cold(site, repeat), "plain pelican": measure_plain(site, repeat),
            "warm rebuild": measure_warm(site, repeat)}
    verbose = checked("warm rebuild --verbose", run_measured(full_build_command(site, "--verbose")))
    counters = [match.group(0).strip() for line in verbose.log.splitlines() if (match := COUNTER_LINE.search(line))]
    rows["preview after edit"] = measure_preview(site, plans[len(plans) // 2], repeat)
    rows["cold, no search index"] = without_search
    # Last: memory sampled in runs of their own (reading it would slow the timed runs); from an empty cache
    # and output again.
    shutil.rmtree(site.cache, ignore_errors=True)
    shutil.rmtree(site.output, ignore_errors=True)
    sampled = checked("cold full", run_measured(full_build_command(site), sample_memory=True))
    shutil.rmtree(site.plain_output, ignore_errors=True)
    theirs = checked("plain pelican", run_measured(plain_build_command(site), sample_memory=True)).together_mb
    stock = measure_stock_pagefind(site)
    print_table(site, rows, (sampled.together_mb, theirs), sampled.pagefind_mb, stock, counters, files)
    print(f"  (all of N = {pairs}: {time.perf_counter() - started:.0f} s)")


def main() -> None:
    """Parse the arguments, then benchmark each size."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--pairs", type=int, nargs="+", default=[500, 2000], help="article pairs to generate")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it (default: a temporary one)")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each build; the fastest is reported")
    args = parser.parse_args()
    print(machine_state("start"))
    with contextlib.ExitStack() as stack:
        if args.keep:
            root = args.keep.resolve()
            root.mkdir(parents=True, exist_ok=True)
        else:
            root = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="build-benchmark-")))
        for pairs in args.pairs:
            benchmark(root, pairs, args.repeat)
    print("\n" + machine_state("end"))


if __name__ == "__main__":
    main()
