"""Whole articles as a reader sees them: each samples/*.md, cleaned, read back by hand-written checks.

tests/test_samples.py compares each sample with its expected file, and those files were first
written from the code's own output: a regression could be written into them with
`--update-fixtures` and pass. The checks here are written from each sample's INPUT, from what a
reader of the original page sees, never from cleaner's output: the headings are exactly these,
the widget and tracker text is gone, no proxy host is left, images point at the unwrapped
(lazy, full-size) URLs, code keeps its language and text, the article's sentences are all there.

The cleaned Markdown is read as GitHub reads it (CommonMark with tables and strikethrough), so
the checks hold whatever escaping or layout the writer picks.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

import yaml
from markdown_it import MarkdownIt

from cleaner import clean
from cleaner.frontmatter_syntax import split

from conftest import SAMPLES

# Every proxy and image CDN that wraps a URL in the samples: none may be left in an output.
PROXY_HOSTS = ("cors.zfour.workers.dev", "images.weserv.nl", "wsrv.nl", "i0.wp.com", "i2.wp.com",
               "cors-anywhere.herokuapp.com")
# Lazy-loading placeholders of the samples: an image never points at one.
PLACEHOLDERS = ("data:image", "loading.gif", "1x1.gif", "blank.gif")


# ---------------------------------------------------------------- the article as a reader sees it

@dataclass
class Read:
    """What a reader gets from cleaned Markdown: each list in document order."""

    headings: list[str] = field(default_factory=list)  # "## text"
    paragraphs: list[str] = field(default_factory=list)  # text of each paragraph, markup dropped
    images: list[tuple[str, str]] = field(default_factory=list)  # (alt, src)
    links: list[tuple[str, str]] = field(default_factory=list)  # (text, href)
    code: list[tuple[str, str]] = field(default_factory=list)  # (language, text) of code blocks
    emphasis: list[tuple[str, str]] = field(default_factory=list)  # ("em" | "strong" | "s", text)
    tables: list[list[list[str]]] = field(default_factory=list)  # rows of cell texts
    list_items: list[tuple[int, str, str]] = field(default_factory=list)  # (depth, "ul" | "ol", first line)
    quotes: list[tuple[int, str]] = field(default_factory=list)  # (depth, paragraph text)
    raw_html: list[str] = field(default_factory=list)


_GFM = MarkdownIt("commonmark").enable(["table", "strikethrough"])
_INLINE_TAGS = {"em_open": "em", "strong_open": "strong", "s_open": "s"}


def _inline_text(token) -> str:
    parts = []
    for child in token.children or ():
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif child.type == "html_inline":
            parts.append(child.content)
    return "".join(parts)


def _inline_spans(token, read: Read) -> None:
    """Images, links and emphasis of one inline token, each with the text it holds."""
    open_spans: list[tuple[str, str, list[str]]] = []  # (kind, href, text parts)
    for child in token.children or ():
        if child.type == "image":
            read.images.append((child.content, child.attrs["src"]))
        elif child.type == "link_open":
            open_spans.append(("a", child.attrs["href"], []))
        elif child.type in _INLINE_TAGS:
            open_spans.append((_INLINE_TAGS[child.type], "", []))
        elif child.type in ("link_close", "em_close", "strong_close", "s_close"):
            kind, href, parts = open_spans.pop()
            text = "".join(parts)
            if open_spans:
                open_spans[-1][2].append(text)
            if kind == "a":
                read.links.append((text, href))
            else:
                read.emphasis.append((kind, text))
        elif child.type in ("text", "code_inline") and open_spans:
            open_spans[-1][2].append(child.content)
        elif child.type == "html_inline":
            read.raw_html.append(child.content)


def read(markdown: str) -> Read:
    """Read a cleaned body as a reader of its rendered page would."""
    out = Read()
    stack: list[str] = []  # open containers: "ul", "ol", "li", "quote", "p", "h2", "th", "td"
    item_opened = False  # a list item opened and its first line is not read yet
    row: list[str] = []
    for token in _GFM.parse(markdown):
        kind = token.type
        if kind.endswith("_open") and kind in _CONTAINERS:
            stack.append(_CONTAINERS[kind] or token.tag)
            item_opened = item_opened or kind == "list_item_open"
        elif kind.endswith("_close") and kind.replace("_close", "_open") in _CONTAINERS:
            stack.pop()
        elif kind == "table_open":
            out.tables.append([])
        elif kind == "tr_open":
            row = []
        elif kind == "tr_close":
            out.tables[-1].append(row)
        elif kind in ("fence", "code_block"):
            out.code.append((token.info.strip(), token.content))
        elif kind == "html_block":
            out.raw_html.append(token.content)
        elif kind == "inline":
            _inline_spans(token, out)
            if stack[-1] in ("th", "td"):
                row.append(_inline_text(token))
            else:
                _place(_inline_text(token), stack, out, item_opened)
            item_opened = False
    return out


# container token -> its name on the stack (None: the token's tag, h1-h6, th, td)
_CONTAINERS = {"bullet_list_open": "ul", "ordered_list_open": "ol", "list_item_open": "li",
               "blockquote_open": "quote", "paragraph_open": "p", "heading_open": None,
               "th_open": None, "td_open": None}


def _place(text: str, stack: list[str], out: Read, item_opened: bool) -> None:
    where = stack[-1]
    if re.fullmatch(r"h[1-6]", where):
        out.headings.append("#" * int(where[1]) + " " + text)
        return
    out.paragraphs.append(text)
    if item_opened:
        lists = [name for name in stack if name in ("ul", "ol")]
        out.list_items.append((len(lists), lists[-1], text.split("\n")[0]))
    if "quote" in stack:
        out.quotes.append((stack.count("quote"), text))


def cleaned(name: str) -> tuple[dict | None, str, str]:
    """(front matter as loaded, body, whole output) of samples/<name>.md, cleaned."""
    text = (SAMPLES / f"{name}.md").read_text(encoding="utf-8")
    output = clean(text).text
    parts = split(output)
    front = yaml.safe_load(parts.front) if parts.front is not None else None
    return front, parts.body, output


def instant(value) -> datetime:
    return datetime.fromisoformat(str(value))


def assert_general(body: str, page: Read, *, html_body: bool = True) -> None:
    """What every cleaned article holds: no proxy host, no placeholder image, no raw HTML from a
    feed, no HTML comment, no heading level skipped and none above h2."""
    for host in PROXY_HOSTS:
        assert host not in body, f"a proxy host is left: {host}"
    for alt, src in page.images:
        assert not any(p in src for p in PLACEHOLDERS), f"image {alt!r} points at a placeholder: {src}"
        assert src.startswith(("https://", "http://")), f"image {alt!r} has no absolute URL: {src}"
    if html_body:
        assert page.raw_html == [], "a feed's HTML body came out with raw HTML"
    assert "<!--" not in body
    levels = [len(h.split(" ", 1)[0]) for h in page.headings]
    assert all(level >= 2 for level in levels), page.headings
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:])), f"a heading level is skipped: {page.headings}"


def assert_sentences(page: Read, sentences: list[str]) -> None:
    text = "\n".join(page.paragraphs)
    missing = [s for s in sentences if s not in text]
    assert missing == [], f"article sentences lost: {missing}"


def assert_gone(body: str, page: Read, junk: list[str]) -> None:
    seen = "\n".join([body, *page.paragraphs])
    left = [j for j in junk if j in seen]
    assert left == [], f"junk left in the body: {left}"


# ---------------------------------------------------------------- one test per sample

def test_every_sample_is_read_here():
    tested = {name[len("test_"):].replace("_", "-") for name in globals() if name.startswith("test_")}
    assert {p.stem for p in SAMPLES.glob("*.md")} <= tested


def test_clean_markdown_unchanged():
    """Markdown already clean comes out byte for byte as it went in."""
    source = (SAMPLES / "clean-markdown-unchanged.md").read_text(encoding="utf-8")
    assert clean(source).text == source


def test_code_blocks_languages():
    front, body, _ = cleaned("code-blocks-languages")
    page = read(body)
    assert_general(body, page)
    assert front["title"] == "Python 与 PHP 的缓存写法对比"
    assert front["tags"] == ["Python", "PHP"]
    assert page.headings == ["## Python：lru_cache", "## PHP：APCu", "## Hexo 里高亮过的代码块"]
    assert page.code == [
        ("python", "from functools import lru_cache\n\n\n@lru_cache(maxsize=128)\ndef fib(n: int) -> int:\n"
                   "    if n < 2:\n        return n\n    return fib(n - 1) + fib(n - 2)\n\n\n"
                   "print(fib(80))  # 23416728348467685\n"),
        ("php", '<?php\nfunction cached_user($id) {\n    $key = "user:" . $id;\n    $user = apcu_fetch($key, $ok);\n'
                "    if (!$ok) {\n        $user = load_user($id);\n        apcu_store($key, $user, 300);\n    }\n"
                "    return $user;\n}\n"),
        # the theme's line numbers (a gutter column) are not code
        ("javascript", "const cache = new Map();\nfunction get(key) {\n  return cache.get(key) ?? null;\n}\n"),
        ("bash", 'pip install cachetools\npython -c "import cachetools; print(cachetools.__version__)"\n'),
    ]
    assert_sentences(page, [
        "先说结论：functools.lru_cache 足够应付大多数进程内缓存的场景。",
        "调用时会直接抛出 TypeError，这时可以先把参数转成 tuple。",
        "注意 apcu_fetch 的第二个参数是引用传递的。",
        "行内代码里如果有反引号，比如 `cmd`，也要原样保留；a < b && c 这种也是。",
        "完。",
    ])
    assert ("strong", "引用") in page.emphasis


def test_english_newsletter_inline():
    front, body, _ = cleaned("english-newsletter-inline")
    page = read(body)
    assert_general(body, page)
    assert front["title"] == "Weekly notes #37: small tools, big habits"
    assert front["thumbnail"] == "https://static.example-letters.com/w37/cover.png"
    assert instant(front["date"]) == instant("2022-09-07T00:40:00.250+00:00")
    assert instant(front["updated"]) == instant("2022-09-08T10:00:00+00:00")
    # h3 is the top level in the post: it becomes h2; headings are plain text
    assert page.headings == ["## 1. A better grep", "## 2. Writing things down", "## 3. Reading"]
    assert page.links == [("ripgrep", "https://github.com/BurntSushi/ripgrep")]
    assert page.images == [("ripgrep searching a large repository",
                            "https://static.example-letters.com/w37/rg-demo.gif")]
    assert page.emphasis == [("em", "small"), ("strong", "why"), ("em", "what"), ("s", "use a fancy app")]
    assert page.quotes == [(1, "If it is not written down, it did not happen."),
                           (2, "— every on-call engineer, eventually")]
    assert [(depth, kind) for depth, kind, _ in page.list_items] == [(1, "ul")] * 3
    assert_sentences(page, [
        "Hello again,\nthis week was mostly about small tools that quietly change how I work.",
        "It is fast, it respects .gitignore, and its defaults are sane. The one flag I use daily is -S (smart case).",
        "use 2 < 3 style comparisons sparingly; and",
        "The Pragmatic Programmer", "Still the best book on the craft, 20 years on.",
        "A Philosophy of Software Design", "Short, opinionated, and worth arguing with.",
        "Prices: the first costs about $40 and the second about $25 — 5 * 8 = 40, if you are counting. "
        "File names like my_notes_2022.txt stay as they are.",
        "Until next week,\nPriya",
    ])


def test_h1_title_skipped_levels():
    front, body, _ = cleaned("h1-title-skipped-levels")
    page = read(body)
    assert_general(body, page)
    assert front["title"] == "Kubernetes 探针配置的三个误区"
    # the <h1> repeats the title: dropped; h4 under h2 becomes h3; no permalink mark, no empty anchor
    assert page.headings == [
        "## 误区一：存活探针检查了下游依赖", "### 正确的做法", "### 一个反例",
        "## 误区二：initialDelaySeconds 设得太短", "### 补充说明",
        "## 误区三：超时时间照抄默认值", "### 小结",
    ]
    assert "Kubernetes 探针配置的三个误区" not in body
    assert page.links == []
    assert_gone(body, page, ["¶", "Permalink", "wu-qu", "{#"])
    assert_sentences(page, [
        "探针（probe）配置看起来只有几行 YAML，却是线上事故的常客。本文总结了我们团队踩过的三个坑。",
        "我们曾经把 Redis 的 PING 放进了存活探针，结果一次网络抖动重启了四十多个 Pod。",
        "启动探针成功之前，另外两种探针都不会执行。",
        "默认的 timeoutSeconds 是 1 秒，对于需要做一次磁盘检查的接口来说太短了。",
        "探针是给调度器看的健康信号，不是监控。监控的事情，交给监控系统去做。",
    ])


def test_hostile_junk_widgets():
    front, body, _ = cleaned("hostile-junk-widgets")
    page = read(body)
    assert_general(body, page)
    assert front["title"] == "手机里这三个设置，建议你马上关掉"
    assert front["date"] == "Invalid Date"  # kept verbatim (a problem is reported)
    assert front["headimg"] == "https://cdn.example-sspai.cn/2022/02/phone-settings.png"
    assert page.headings == ["## 一、后台应用刷新", "## 二、个性化广告", "## 三、定位历史"]
    assert page.images == [("电池设置", "https://cdn.example-sspai.cn/2022/02/battery.png"),
                           ("定位历史", "https://cdn.example-sspai.cn/2022/02/location.png")]
    # the javascript: link keeps its text only; the proxied link is unwrapped (Photon without
    # ssl=1 fetches over http); the iframe becomes a link to its source; the tip link goes
    assert [href for _, href in page.links] == ["http://www.example-vendor.com/privacy/ads.html",
                                                "https://player.example-video.com/embed/abc123"]
    assert ("strong", "设置") in page.emphasis and ("strong", "电池") in page.emphasis
    assert_gone(body, page, [
        "<script", "_hmt", "stat.example.com", "qr.jpg", "微信号", "laozhou_digital", "每天一条实用技巧",
        "文中广告", "adsbygoogle", "ca-pub", "限时优惠", "ad.example.com", "<font", "onclick", "onerror",
        "fallback.png", "广告】", "扫码领取", "javascript:", "openModal", "Buy me a coffee", "buymeacoffee",
        "请我喝杯咖啡", "微信支付", "支付宝", "wechatpay", "alipay", "本文首发于公众号", "数码老周",
    ])
    assert_sentences(page, [
        "很多人买了新手机，第一件事是装软件，却从来没翻过设置。其实有几个默认打开的选项，既费电又泄露隐私。",
        "下面以安卓为例，苹果手机的位置大同小异。",
        "打开手机的「设置」，找到“电池”一栏，把不常用的应用全部关掉。",
        "想了解原理可以看这里，或者看厂商的官方说明。",
        "定位历史会记下你去过的每一个地方。关闭方法：设置 → 位置信息 → 高级 → 定位历史。",
        # article text that mentions a tip is the article's, not a widget
        "如果觉得文章有用，打赏就不必了，转给家里的长辈看看吧。",
    ])
    # text that looks like a template tag stays readable, and Hexo's Nunjucks does not run it
    paragraph = next(p for p in page.paragraphs if p.startswith("有读者问"))
    assert "page.title" in paragraph and "{{" not in paragraph


def test_lazy_images_figures():
    front, body, _ = cleaned("lazy-images-figures")
    page = read(body)
    assert_general(body, page)
    assert front["title"] == "一次拍摄胶片相机的周末"
    assert instant(front["date"]) == instant("2022-06-18T09:30:00+08:00")
    # weserv's url= without a scheme means http
    assert front["headimg"] == "http://img.example-photo.cn/2022/06/cover-roll.jpg"
    assert page.images == [
        ("清晨的水库", "https://img.example-photo.cn/2022/06/dam-morning.jpg"),  # data-original
        ("钓鱼的人", "https://img.example-photo.cn/2022/06/fisherman.jpg"),  # data-src
        ("", "https://img.example-photo.cn/2022/06/shade.jpeg?imageView2/2/w/1000"),  # _src
        ("芦苇荡", "https://img.example-photo.cn/2022/06/reeds-1600.jpg"),  # srcset, the largest
        ("门票", "https://img.example-photo.cn/2022/06/ticket.jpg"),  # protocol-relative
    ]
    assert page.headings == []
    assert_gone(body, page, ["lazyload", "lazyImg", "referrerpolicy", "width", "srcset", "reeds-800",
                             "figure", "figcaption"])
    assert_sentences(page, [
        "周末带着一台老相机去了城郊的水库，拍完了一整卷胶片。下面是挑出来的几张。",
        "清晨六点，雾还没有散开，水面几乎是白色的。",
        "坐在堤坝上钓鱼的大爷，一上午都没有挪过位置",  # a caption becomes a line of its own
        "中午的光线太硬，我索性找了片树荫休息。",
        "傍晚回程的时候，夕阳把整片芦苇染成了金色。",
        "芦苇荡，Kodak Gold 200",
        "这卷胶片冲扫一共花了四十五元，比我想象的便宜。",
    ])
    assert ("em", "Kodak Gold 200") in page.emphasis


def test_nested_lists():
    front, body, _ = cleaned("nested-lists")
    page = read(body)
    assert_general(body, page)
    assert front["title"] == "新人入职第一周清单"
    assert instant(front["date"]) == instant("2022-03-07T08:00:00+00:00")
    assert page.list_items == [
        (1, "ul", "第一天"),
        (2, "ol", "领电脑、工牌和门禁卡"),
        (2, "ol", "开通账号："),
        (3, "ul", "邮箱和企业微信"),
        (3, "ul", "代码仓库（找组长要权限）"),
        (3, "ul", "VPN，记得绑定手机"),
        (2, "ol", "和导师吃午饭"),
        (1, "ul", "第二天到第三天"),
        (2, "ol", "跑通本地开发环境"),
        (2, "ol", "读完《新人手册》的前三章"),
        (1, "ul", "第四天到第五天：认领一个小需求，走完一次完整的上线流程"),
        (1, "ol", "权限问题"),
        (1, "ol", "线上告警"),
        (2, "ul", "值班表在知识库首页"),
        (2, "ul", "夜里也可以打电话"),
        (1, "ol", "和别的团队的沟通"),
    ]
    assert page.emphasis == [("strong", "记得绑定手机")]
    assert_sentences(page, [
        "每次有新同事入职，我都会把这份清单发给他。第一周不用急着写代码，把环境和人都认识清楚更重要。",
        "遇到问题，先搜内部知识库，再问导师。有三件事不要自己硬扛：",
        "祝你第一周顺利。",
    ])


def test_no_front_matter():
    front, body, output = cleaned("no-front-matter")
    page = read(body)
    assert_general(body, page)
    assert front is None and not output.startswith("---")
    assert page.headings == ["## Why it happens", "## What to do"]
    assert page.links == [("the feed notes", "https://example.org/notes/feeds"),
                          ("the Atom section", "https://example.org/notes/feeds#atom")]
    assert_gone(body, page, ["target", "noopener", "post-body"])
    assert_sentences(page, [
        "This is a short note without any front matter at all: the feed only gave us the body.",
        "Some RSS mirrors write the article body straight into the file and forget the metadata block. "
        "The title then only lives in the file name.",
        "Nothing clever. Keep the text, make it Markdown, and let a human add the title later.",
    ])
    assert page.paragraphs[-1].startswith("Nothing clever."), "an empty paragraph (<p><br></p>) is left"


def test_tables_data_and_layout():
    front, body, _ = cleaned("tables-data-and-layout")
    page = read(body)
    assert_general(body, page)
    assert front["title"] == "Comparing three static site generators"
    assert front["tags"] == ["hexo", "hugo", "jekyll"]
    assert instant(front["date"]) == instant("2022-03-14T20:05:00")
    # the data table stays a table, a | in a cell stays in its cell; the layout table is its content
    assert page.tables == [[
        ["Generator", "Build time", "Language", "Notes"],
        ["Hexo", "14.2 s", "Node.js", "Plugins for everything; hexo clean often needed"],
        ["Hugo", "0.9 s", "Go", "Templates take a while to learn | worth it"],
        ["Jekyll", "21.7 s", "Ruby", "See the docs"],
    ]]
    assert page.links == [("docs", "https://jekyllrb.com/docs/")]
    assert [("strong", name) for name in ("Hexo", "Hugo", "Jekyll")] == page.emphasis[:3]
    assert_gone(body, page, ["bgcolor", "cellpadding", "wp-block-table"])
    assert_sentences(page, [
        "I moved a small documentation site between generators three times last year. "
        "Here is what I measured on the same 412 pages.",
        "The numbers are medians of five cold builds on a 2019 laptop.",
        "Tip: if you only need a blog, any of the three is fine. Pick the one whose template language you already know.",
        "Switching later costs about a weekend.",
        "What mattered more than speed was how each one handles dates in front matter, which is a story for another post.",
    ])


def test_tables_data_and_layout_keeps_a_right_aligned_column():
    _, body, _ = cleaned("tables-data-and-layout")
    aligns = [token.attrs.get("style") for token in _GFM.parse(body) if token.type in ("th_open", "td_open")]
    assert aligns[:4] == [None, "text-align:right", None, None]


def test_wordpress_markdown_html_islands():
    front, body, output = cleaned("wordpress-markdown-html-islands")
    page = read(body)
    assert_general(body, page, html_body=False)
    source = (SAMPLES / "wordpress-markdown-html-islands.md").read_text(encoding="utf-8")
    # an author's front matter: only the date is rewritten, in place (same instant)
    assert output.split("\n---\n")[0].replace("date: '2022-06-07 16:00:00+00:00'", "date: 2022-6-7 16:00:00 -0000") \
        == source.split("\n---\n")[0]
    assert instant(front["date"]) == instant("2022-06-07T16:00:00+00:00")
    assert page.headings == ["## What came out of the exporter", "### Widgets", "## Next time"]
    assert page.links == [
        ("part one", "https://blog.example.net/2022/05/30/migrating-wordpress-part-1/"),
        ("exporter's issue tracker", "https://github.com/example/wp-export/issues"),
    ]
    assert page.code == [("", "git clone https://github.com/example/wp-export.git\n"
                              "cd wp-export && ./run --since 2014\n")]
    assert page.tables == [[["Year", "Posts", "Comments"], ["2014", "52", "310"], ["2015", "38", "129"]]]
    assert [item for _, _, item in page.list_items] == [
        "shortcodes that no longer expand,", "inline styles on every other paragraph,",
        "and code samples stored as raw HTML."]
    assert page.raw_html == []
    assert_gone(body, page, ["<script", "widgets.example.com", "createElement", "appendChild"])
    assert_sentences(page, [
        "The good news is that most posts converted cleanly. The bad news is the long tail:",
        "The sidebar widgets were pasted into posts, scripts and all:",
        "None of that should survive. The text around it should.",
        "In part three I will deal with image paths.",
    ])


def test_woshipm_widget_proxies():
    front, body, _ = cleaned("woshipm-widget-proxies")
    page = read(body)
    assert_general(body, page)
    assert front["title"] == "从零搭建会员体系：一次完整的产品复盘"
    cover = "http://image.woshipm.com/wp-files/2022/01/Qa7mHv3pLkS0bZc1Tn8e.jpg"
    assert front["headimg"] == cover and front["thumbnail"] == cover
    assert instant(front["date"]) == instant("2022-01-05T00:00:00+00:00")
    # strong wrappers, ids and the #专栏作家# decoration go from headings
    assert page.headings == ["## 一、先想清楚会员卖的是什么", "## 二、定价：让数据说话",
                             "## 三、上线之后的三个坑", "### 专栏作家"]
    assert page.images == [("", cover),
                           ("会员权益草图", "http://image.woshipm.com/wp-files/2022/01/r2VbNw9KxEo4HdJ6sYtU.png")]
    assert [text for _, _, text in page.list_items] == [
        "免运费，不再凑单；", "超时必赔，赔的是优惠券而不是道歉；", "专属客服，十分钟内响应。"]
    assert [depth for depth, _ in page.quotes] == [1, 1]
    assert page.quotes[0][1].startswith("编辑导语：会员体系并不是简单地给用户发一张卡。")
    assert page.emphasis == [("strong", "确定性"), ("strong", "价格最高的一组")]
    assert_gone(body, page, ["给作者打赏", "鼓励TA抓紧创作", "赞赏", "avatarExample", "svg", "data-post-id",
                             "#专栏作家#", "toc-"])
    assert_sentences(page, [
        "去年三月，老板在周会上丢下一句话：“我们也该有个会员了。”于是，这个项目落到了我的头上。",
        "会员权益的第一版草图",
        "实验结束后，我们把年卡定在了一百二十八元。",
        "第一个坑是续费提醒。",
        "第二个坑是客服排班。专属客服的承诺让夜间工单翻了一倍。",
        "第三个坑是财务对账。会员费属于预收款，需要按月确认收入，这一点一定要提前和财务同事对齐。",
        "林小舟，公众号：小舟说产品，人人都是产品经理专栏作家。关注本地生活与会员增长。",
        "本文原创发布于人人都是产品经理。未经许可，禁止转载。",
        "题图来自Unsplash，基于CC0协议",
    ])
