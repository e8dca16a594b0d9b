"""View ▸ Read As in the core: OpenCC's phrase conversion of text and of sanitised HTML's text only."""

from reader.core.sanitize import sanitize_html
from reader.core.zh_convert import ORIGINAL, SIMPLIFIED, TRADITIONAL, html_to_script, to_script


def test_text_is_converted_by_phrase_both_ways():
    assert to_script("经济发布会后，干部把头发洗干净", TRADITIONAL) == "經濟發佈會後，幹部把頭髮洗乾淨"
    assert to_script("乾隆年間，幹部在裡面", SIMPLIFIED) == "乾隆年间，干部在里面"  # 乾隆 stays: a phrase
    assert to_script("经济 Tesla", ORIGINAL) == "经济 Tesla"
    assert to_script("Tesla", TRADITIONAL) == "Tesla" and to_script("", SIMPLIFIED) == ""


def test_html_keeps_its_tags_and_attributes():
    page = sanitize_html('<p title="经济 a>b"><a href="经济.md">经济</a> 后<img alt="后" src="发布.png"> &amp; 干</p>')
    out = html_to_script(page, TRADITIONAL)
    assert out == page.replace(">经济<", ">經濟<").replace(" 后<", " 後<").replace(" 干<", " 幹<")
    assert 'href="经济.md"' in out and 'src="发布.png"' in out and 'alt="后"' in out
    assert html_to_script(page, ORIGINAL) is page
