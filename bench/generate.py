"""Make a deterministic synthetic library shaped like the finews archive (Chinese HTML news posts)."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from pathlib import Path

SOURCES = [  # (category slug, tag) as finews writes them
    ("zhongguojingjiwang", "中国经济网新闻"),
    ("emnews", "东财滚动新闻"),
    ("xinhuawang", "新华网新闻"),
    ("renminwang", "人民网新闻"),
    ("21shijijingjibaodao", "21世纪经济报道新闻"),
    ("diyicaijing", "第一财经新闻"),
    ("jingjiguanchabao", "经济观察报新闻"),
    ("caixinwang", "财新网新闻"),
    ("zhengquanshibao", "证券时报新闻"),
    ("shanghaizhengquanbao", "上海证券报新闻"),
]
# News vocabulary: frequent words repeat as they do in real news, rare ones make long-tail queries.
WORDS = """经济 发展 市场 企业 投资 增长 政策 金融 银行 消费 国际 合作 数据 产业 科技 创新 服务 建设 改革 开放
项目 地区 城市 农村 乡村 振兴 外贸 出口 进口 货物 贸易 汽车 新能源 电池 芯片 制造 数字 平台 电商 直播
证券 股票 基金 债券 利率 货币 人民币 美元 汇率 央行 监管 风险 资本 上市 公司 业绩 利润 收入 季度 同比
环比 指数 上涨 下跌 交易 成交 价格 物价 通胀 就业 收入 居民 家庭 住房 房地产 土地 基建 交通 铁路 港口
能源 电力 煤炭 石油 天然气 光伏 风电 碳排放 绿色 环保 生态 气候 农业 粮食 种植 养殖 医疗 健康 教育
文化 旅游 体育 会展 博览会 论坛 会议 部门 商务部 财政部 统计局 发改委 国务院 省份 广东 上海 北京 浙江
江苏 山东 四川 湖北 深圳 杭州 成都 武汉 外交官 大使馆 上合组织 一带一路 东盟 欧盟 美国 日本 韩国 俄罗斯
巴基斯坦 乌兹别克斯坦 斯里兰卡 柬埔寨 年货节 春节 拜年 饺子 带货 主播 淘宝 盒马 飞猪 阿里巴巴 腾讯 华为
小米 比亚迪 宁德时代 茅台 霍尼韦尔 蔚来 制冷剂 新材料 半导体 人工智能 大模型 算力 数据中心 云计算
物流 快递 供应链 跨境 海关 关税 自贸区 开发区 园区 招商 引资 签约 落地 投产 产能 订单 需求 供给 库存""".split()
FILLERS = "的 了 在 和 与 对 为 将 已 也 等 及 据 称 表示 指出 认为 显示 方面 以来 目前 同时 其中 进一步".split()
ENGLISH = "market growth policy trade export energy battery chip platform finance bank data".split()


def _sentence(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randint(6, 14)):
        # A Zipf-like pick: low indexes (frequent words) come up far more often.
        parts.append(
            WORDS[min(int(rng.paretovariate(1.1)) - 1, len(WORDS) - 1)] if rng.random() < 0.5 else rng.choice(WORDS)
        )
        if rng.random() < 0.45:
            parts.append(rng.choice(FILLERS))
    if rng.random() < 0.08:
        parts.append(f"{rng.choice(ENGLISH)} {rng.randint(1, 99)}%")
    return "".join(parts) + rng.choice("。。。，；！")


def _html_body(rng: random.Random, size: int) -> str:
    paras, total = [], 0
    while total < size:
        text = "".join(_sentence(rng) for _ in range(rng.randint(2, 5)))
        if rng.random() < 0.1:
            text = f"<strong>{text}</strong>"
        paras.append(f" <p>{text}</p>")
        total += len(text.encode("utf-8"))
    return "\n".join(paras)


def generate(out: Path, posts: int, seed: int = 1) -> Path:
    """Write `posts` files into `out/_posts` (skipping files already written) and return `out`."""
    rng = random.Random(seed)
    out = Path(out)
    (out / "_posts").mkdir(parents=True, exist_ok=True)
    (out / "_config.yml").write_text(
        "title: 合成金融消息\nurl: https://finews.example.invalid\ntimezone: Asia/Shanghai\n", encoding="utf-8"
    )
    start = datetime(2019, 1, 1)
    span = (datetime(2025, 12, 31) - start).total_seconds()
    for i in range(posts):
        when = start + timedelta(seconds=rng.random() * span)
        slug, tag = rng.choice(SOURCES)
        kind = rng.random()
        name = f"{when:%Y-%m-%d}-NW{when:%Y%m%d}{i:010d}"
        if kind < 0.005:  # a few broken files, as real archives have
            text = (
                f'---\nlayout: post\ntitle: "断开的标题\ndate:  +0800\ncategories: {slug}\n---\n'
                f"<p>{_sentence(rng)}</p>\n"
            )
        elif kind < 0.10:  # a share of Markdown posts, some of them English
            title = _sentence(rng)[:24] if kind < 0.07 else f"Notes on {rng.choice(ENGLISH)} and {rng.choice(ENGLISH)}"
            body = "\n\n".join(_sentence(rng) for _ in range(rng.randint(8, 20)))
            text = (
                f'---\ntitle: "{title}"\ndate: {when:%Y-%m-%d %H:%M:%S} +0800\n'
                f"categories: {slug}\ntags: {tag}\n---\n## {title}\n\n{body}\n"
            )
        else:
            title = _sentence(rng)[: rng.randint(12, 30)].rstrip("。，；！")
            body = _html_body(rng, rng.randint(3000, 6000))
            text = (
                f'---\nlayout: post\ntitle: "{title}"\ndate: {when:%Y-%m-%d %H:%M:%S} +0800\n'
                f"categories: {slug}\ntags: {tag}\n---\n{body}\n\n"
                f"<http://finews.example.invalid/news/{name}.html>\n\n"
                f"[返回{tag}](//finews.example.invalid/category/{slug}.html)｜[返回首页](//finews.example.invalid/)\n"
            )
        path = out / "_posts" / f"{name}.md"
        if not path.exists():
            path.write_text(text, encoding="utf-8")
    return out


BIG_POST = "_posts/2025-12-30-big-300k.md"
# Newer than every generated post, so it is the first row of a list sorted by date.
BIG_POST_500K = "_posts/2025-12-31-big-500k.md"
_BIG_SIZES = {BIG_POST: (300_000, "2025-12-30 09:00:00"), BIG_POST_500K: (500_000, "2025-12-31 09:00:00")}


def add_big_post(out: Path, name: str = BIG_POST) -> Path:
    """Write one big HTML post into `out`: BIG_POST (~300 KB) or BIG_POST_500K (~500 KB, under the
    view's 512 KB limit, so shown whole). Once; its own rng, so the other posts stay as they are."""
    size, date = _BIG_SIZES[name]
    path = Path(out) / name
    if not path.exists():
        rng = random.Random(size)
        body = _html_body(rng, size)
        path.write_text(
            f'---\nlayout: post\ntitle: "长文：{_sentence(rng)[:20]}"\n'
            f"date: {date} +0800\ncategories: {SOURCES[0][0]}\ntags: {SOURCES[0][1]}\n"
            f"---\n{body}\n",
            encoding="utf-8",
        )
    return path
