"""The safety gate refuses output that lost article text, and only that."""
from __future__ import annotations

import pytest

from cleaner import CleanerError, clean
from cleaner import safety
from cleaner import writer

ARTICLE = "---\ntitle: T\n---\n\n<p>第一段文字，讲的是一件事情。</p><p>Second paragraph with English words in it.</p>\n"


def test_gate_passes_a_faithful_conversion():
    safety.check("第一段文字，讲的是一件事情。 Second paragraph", "第一段文字，讲的是一件事情。\n\nSecond paragraph\n")


def test_gate_ignores_punctuation_escapes_and_whitespace():
    safety.check("a*b* [x] 1. 「设置」 {{ y }}", "a\\*b\\* \\[x\\] 1\\. 「**设置**」 {\u200b{ y }}\n")


def test_gate_reads_link_text_and_skips_urls():
    """The reference is taken after the steps ran (the iframe is a link by then)."""
    reference = "下面是一段演示视频：Embedded content" + "以上三个设置，关掉之后我的手机续航多了大约一个小时。" * 3
    output = "下面是一段演示视频：\n\n[Embedded content](https://v.example/x)\n\n" + \
        "以上三个设置，关掉之后我的手机续航多了大约一个小时。" * 3
    safety.check(reference, output)


def test_gate_refuses_lost_text():
    with pytest.raises(CleanerError, match="refusing to write: the output lost"):
        safety.check("第一段文字，讲的是一件事情。 Second paragraph with English words", "第一段文字\n")


def test_clean_refuses_when_conversion_drops_text(monkeypatch):
    """A writer bug that loses a paragraph must stop the file from being written."""
    real = writer.write

    def lossy(article, tree, step):
        return real(article, tree, step).split("\n\n")[0]

    monkeypatch.setattr("cleaner.steps.markdown.write", lossy)
    with pytest.raises(CleanerError) as info:
        clean(ARTICLE)
    assert "Secondparagraph" in info.value.message or "Second" in info.value.message


def test_clean_passes_the_same_article_unharmed():
    assert "Second paragraph with English words in it." in clean(ARTICLE).text
