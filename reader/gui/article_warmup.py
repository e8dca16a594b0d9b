"""The first article opened as quick as the next: the article view's fonts and commonest glyphs laid out and drawn
once, on the UI thread, a small piece at a time once the first list is in (nothing read from a library or the index).

Why: Qt keeps the fonts it resolved, the glyph metrics its layout loaded and the glyphs it rasterised, per font
and size, for the thread that used them. The list and the tree use other sizes, so the first post shown paid for
all of them: its page's layout and first paint took 13-17 ms of the UI thread against 1.5-2 ms for the same page
shown again, and a second post with new characters about 5 ms (10k library, offscreen). Before it, on each worker
thread, the reading path and the first search's costs are paid once (warm_worker): there, off the UI thread.
"""

from __future__ import annotations

import gc
import html
import math
import threading
from collections.abc import Callable, Iterable
from functools import partial

from PySide6.QtCore import QObject, QSize, QSizeF, QTimer, Signal
from PySide6.QtGui import QAbstractTextDocumentLayout, QImage, QPainter

from reader.core import Library, Post, PostMeta

from .article_html import PageSetup, PreparedBody, build_page, han_glyphs, setup_document, warm_up
from .session import Session

# The commonest Han characters, most frequent first (a general frequency order, then the words of news, finance
# and the economy that it ranks lower): about 90-94% of the Han characters of a finews post.
COMMON_HAN = (
    "的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过发后作里用道行所然家"
    "种事成方多经么去法学如都同现当没动面起看定天分还进好小部其些主样理心她本前开但因只从想实日军者意无力它与长把机十"
    "民第公此已工使情明性知全三又关点正业外将两高间由问很最重并物手应战向头文体政美相见被利什二等产或新己制身果加西斯"
    "月话合回特代内信表化老给世位次度门任常先海通教儿原东声提立及比员解水名真论处走义各入几口认条平系气题活尔更别打女"
    "变四神总何电数安少报才结反受目太量再感建务做接必场件计管期市直德资命山金指克许统区保至队形社便空决治展马科司五基"
    "眼书非则听白却界达光放强即像难且权思王象完设式色路记南品住告类求据程北边死张该交规万取拉格望觉术领共确传师观清今"
    "切院让识候带导争运笑飞风步改收根干造言联持组每济车亲极林服快办议往元英士证近失转夫令准布始怎呢存未远叫台单影具罗"
    "字爱击流备兵连调深商算质团集百需价花党华城石级整府离况亚请技际约示复病息究线似官火断精满支视消越器容照须九增研写"
    "称企八功吗包片史委乎查轻易早曾除农找装广显吧阿李标谈吃图念六引历首医局突专费号尽另周较注语仅考落青随选列武红响虽"
    "推势参希古众构房半节土投某案黑维革划敌致陈律足态护七兴派孩验责营星够章音跟志底站严巴例防族供效续施留讲型料终答紧"
    "黄绝奇察母京段依批群项故按河米围江织害斗双境客纪采举杀攻父苏密低朝友诉止细愿千值仍男钱破网热助倒育属坐帝限船脸职"
    "速刻乐否刚威毛状率甚独球般普怕弹校苦创假久错承印晚兰试股拿脑预谁益阳若哪微尼继送急血惊伤素药适波夜省初喜卫源食险"
    "待述陆习置居劳财环排福纳欢雷警获模充负云停木游龙树疑层冷洲冲射略范竟句室异激汉村哈策演简卡罪判担州静退既衣您宗积"
    "余痛检差富灵协角占配征修皮挥胜降阶审沉坚善妈刘读啊超免压银买皇养伊怀执副乱抗犯追帮宣佛岁航优怪香著田铁控税左右份"
    "穿艺背阵草脚概恶块顿敢守酒岛托央户烈洋哥索胡款靠评版宝座释景顾弟登货互付伯慢欧换闻危忙核暗姐介坏讨丽良序升监临亮"
    "露永呼味野架域沙掉括舰鱼杂误湾吉减编楚肯测败屋跑梦散温困剑渐封救贵枪缺楼县尚毫移娘朋画班智亦耳恩短掌恐遗固席松秘"
    "谢鲁遇康虑幸均销钟诗藏赶剧票损忽巨炮旧端探湖录叶春乡附吸予礼港雨呀板庭妇归睛饭额含顺输摇招婚脱补谓督毒油疗旅泽材"
    "灭逐莫笔亡鲜词圣择寻厂睡博勒烟授诺伦岸奥唐卖俄炸载洛健堂旁宫喝借君禁阴园谋宋避抓荣姑孙逃牙束跳顶玉镇雪午练迫爷篇"
    "肉嘴馆遍凡础洞卷坦牛宁纸诸训私庄祖丝翻暴森塔默握戏隐熟骨访弱蒙歌店鬼软典欲萨伙遭盘爸扩盖弄雄稳忘亿刺拥徒姆杨齐赛"
    "趣曲刀床迎冰虚玩析窗醒妻透购替塞努休虎扬途侵刑绿兄迅套贸毕唯谷轮库迹尤竞街促延震弃甲伟麻川申缓潜闪售灯针哲络抵朱"
    "埃抱鼓植纯夏忍页杰筑折郑贝尊吴秀混臣雅振染盛怒舞圆搞狂措姓残秋培迷诚宽宇猛摆梅毁伸摩盟末乃悲拍丁赵尾淡抽搜"
    "融券币播返汽池迪腾讯季润韦胀伏韩汇坛芯链签绩碳跨剂览浙债涨订淘拜圳递跌煤炭杭殖氟滚驻旗悉氢烯氧吨爆粤鄂豫皖闽赣"
    "湘津沪渝黔滇陕甘琼桂辽晋冀储贷赁汛漏峰晶硅锂钢铜铝矿蓄"
)
LATIN = "".join(chr(code) for code in range(0x21, 0x7F))
PUNCTUATION = "，。、；：？！“”‘’（）《》【】—…·％"
PIECE = 60  # characters laid out and drawn in one turn of the event loop: about 2 ms of the UI thread
FIRST = 8  # characters of each of the first pieces, which load the fonts: body text, bold and links, the header
PIECE_GAP_MS = 5  # between pieces: input and paints waiting meanwhile go first
WARM_UP_TRIES, WARM_UP_AGAIN_MS = 30, 100  # the workers' warm-up: asked again until every thread did it (a first
# list of 100k posts keeps a thread busy with the tree for a second or so)


def warm_worker(library: Library, setup: PageSetup, warm: set[int]) -> None:
    """On a worker: the reading path once, in the view's setup, and the site's settings of this thread's handle
    (read from the library's config file when a post is first shown: 1-1.5 ms of the first open); then its
    search (Library.warm_search: the first search of a thread's handle took 9-11 ms of CPU at 100k posts
    against 3.5 for a new word's later); once a thread (`warm`: the threads done so far). Each thread has its
    own caches: Qt's fonts, the handle's statements and Tantivy searcher."""
    if threading.get_ident() in warm:
        return
    warm_up(setup)
    if isinstance(library, Library):  # All libraries' handle reads each library's site with its first post
        library.site  # noqa: B018 - a cached property: computed here, not in the first open
        library.warm_search()
    warm.add(threading.get_ident())


def warm_workers(
    session: Session,
    setup: PageSetup,
    then: Callable[[], None],
    owner: QObject,
    warm: set[int] | None = None,
    tries: int = 0,
) -> None:
    """Warm the session's worker threads up, each once (warm_worker), shortly after its first list; then then().
    The pool gives a job to whichever thread is free, at 100k often the same one while the other computes the
    tree: asked again every WARM_UP_AGAIN_MS until every thread did it (the first post was read on the thread
    the warm-up had not run on in about half the runs, its job 5-9 ms longer than the next ones)."""
    warm = set() if warm is None else warm
    if not session.is_open:
        return
    if len(warm) >= session.threads() or tries >= WARM_UP_TRIES:
        then()
        return
    job = partial(warm_worker, setup=setup, warm=warm)

    def again(_result: object) -> None:
        QTimer.singleShot(WARM_UP_AGAIN_MS, owner, lambda: warm_workers(session, setup, then, owner, warm, tries + 1))

    if tries:
        session.ask(None, job, on_done=again)
    else:
        session.warm_up(job, on_done=again)  # once its first list is in


def freeze_heap() -> None:
    """Once the first list is in and the reading path warm: what the interpreter holds from then on (about 50k
    objects at 100k posts, the window's and the libraries') goes out of the cycle collector's reach. Its full
    collections took 10-19 ms of whichever thread triggered them, now and then in the middle of an open."""
    gc.freeze()


def characters(titles: Iterable[str] = ()) -> str:
    """What is warmed, once each: the characters of `titles` (the list's rows, what is opened next), then the
    commonest Han characters, Latin letters, digits and Chinese punctuation."""
    return "".join(dict.fromkeys(ch for ch in "".join((*titles, COMMON_HAN, LATIN, PUNCTUATION)) if not ch.isspace()))


def _sample_post(title: str) -> Post:
    meta = PostMeta(
        path="_posts/warm-up.md",
        title=title,
        date="2024-01-02T03:04:05+08:00",
        sort_key=None,
        categories=("预热",),
        tags=("新闻",),
    )
    return Post(id=-1, meta=meta, html="", text="")


class ArticleWarmUp(QObject):
    """Lays out and draws made-up pages in the view's fonts, style and column into an image, a piece at a time:
    the first pieces load the fonts of a page's parts (body text, bold and links, the title and the date line),
    the others lay out and draw a paragraph of characters each in the body's font, the one most glyphs are in."""

    finished = Signal()

    def __init__(self, view, parent: QObject | None = None):
        super().__init__(parent or view)
        self._view = view
        self._pieces: list[str] = []
        self.started = self.done = False

    def start(self, titles: Iterable[str] = ()) -> None:
        """Warm up, a piece per turn of the event loop; once (Qt keeps what it loaded for the process)."""
        if self.started:
            return
        self.started = True
        text = characters(titles)
        head = html.escape(text[:FIRST])
        self._pieces = [
            f"<p>{head}</p>",
            f'<p><strong>{head}</strong> <a href="jblink:0">{head}</a></p>',
            build_page(_sample_post(text[:FIRST]), PreparedBody("", (), ())),
        ]
        self._pieces += [f"<p>{html.escape(text[at : at + PIECE])}</p>" for at in range(0, len(text), PIECE)]
        QTimer.singleShot(0, self, self._next)

    def _next(self) -> None:
        if not self._pieces:
            self.done = True
            self.finished.emit()
            return
        self._draw(self._pieces.pop(0))
        QTimer.singleShot(PIECE_GAP_MS, self, self._next)

    def _draw(self, piece: str) -> None:
        """Lay `piece` out in a page of the view's and draw it into an image as the view would paint it."""
        view = self._view
        setup = view.page_setup({})
        if not piece.startswith("<div"):  # in the Han glyph shapes a page of a post in Chinese has
            piece = f'<div class="han-{han_glyphs(None)}"><div class="body">{piece}</div></div>'
        document = setup_document(piece, setup)
        width = view.viewport().width()
        document.setPageSize(QSizeF(width, -1))  # laid out in the view's column, as its pages are
        height = min(view.viewport().height(), math.ceil(document.documentLayout().documentSize().height()))
        # An image only as tall as the piece (a line or two), not the viewport's.
        ratio = view.devicePixelRatioF()
        image = QImage(QSize(width, max(1, height)) * ratio, QImage.Format.Format_ARGB32_Premultiplied)
        image.setDevicePixelRatio(ratio)
        image.fill(0)
        painter = QPainter(image)
        context = QAbstractTextDocumentLayout.PaintContext()
        context.palette = view.palette()
        document.documentLayout().draw(painter, context)
        painter.end()
