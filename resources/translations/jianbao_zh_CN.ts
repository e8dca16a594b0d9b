<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>Actions</name>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>查看(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>转到(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Article</source>
        <translation>文章(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Open Library Folder…</source>
        <translation>打开文库文件夹(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Add Library…</source>
        <translation>添加文库(&amp;A)…</translation>
    </message>
    <message>
        <source>Show another library folder in this window, beside the open ones</source>
        <translation>在此窗口中再显示一个文库文件夹，与已打开的并列</translation>
    </message>
    <message>
        <source>Re&amp;move Library</source>
        <translation>移除文库(&amp;M)</translation>
    </message>
    <message>
        <source>Take the shown library out of this window; its folder and index stay</source>
        <translation>从此窗口中移除当前文库；其文件夹和索引保持不变</translation>
    </message>
    <message>
        <source>&amp;Reload</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>Look for new and changed files now</source>
        <translation>立即查找新增和修改的文件</translation>
    </message>
    <message>
        <source>&amp;Export Reading Data…</source>
        <translation>导出阅读数据(&amp;E)…</translation>
    </message>
    <message>
        <source>Read and starred marks, reading positions, saved searches and highlights of every library, as one file</source>
        <translation>所有资料库的已读、星标标记、阅读位置、已存搜索和高亮，存为一个文件</translation>
    </message>
    <message>
        <source>&amp;Import Reading Data…</source>
        <translation>导入阅读数据(&amp;I)…</translation>
    </message>
    <message>
        <source>Merge an exported file: the newer change of each mark wins</source>
        <translation>合并导出的文件：每个标记以较新的修改为准</translation>
    </message>
    <message>
        <source>Export &amp;Highlights…</source>
        <translation>导出高亮(&amp;H)…</translation>
    </message>
    <message>
        <source>Every highlight and note of this library as Markdown, by article</source>
        <translation>此文库的全部高亮和笔记，按文章导出为 Markdown</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>首选项(&amp;P)…</translation>
    </message>
    <message>
        <source>Fonts, text width, line height, theme, language</source>
        <translation>字体、正文宽度、行高、主题、语言</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>搜索(&amp;S)</translation>
    </message>
    <message>
        <source>Put the cursor in the search field</source>
        <translation>将光标移到搜索框</translation>
    </message>
    <message>
        <source>&amp;Clear Search</source>
        <translation>清除搜索(&amp;C)</translation>
    </message>
    <message>
        <source>Clear the search and return to the list</source>
        <translation>清除搜索并返回列表</translation>
    </message>
    <message>
        <source>Sa&amp;ve Search…</source>
        <translation>保存搜索(&amp;V)…</translation>
    </message>
    <message>
        <source>Keep the search and the tree&apos;s selection under a name, in the tree</source>
        <translation>把搜索和侧栏中的选择以一个名称保存到侧栏</translation>
    </message>
    <message>
        <source>Re&amp;name Saved Search…</source>
        <translation>重命名已存搜索(&amp;N)…</translation>
    </message>
    <message>
        <source>De&amp;lete Saved Search</source>
        <translation>删除已存搜索(&amp;L)</translation>
    </message>
    <message>
        <source>Next &amp;Pane</source>
        <translation>下一窗格(&amp;P)</translation>
    </message>
    <message>
        <source>Tree, list, article in turn</source>
        <translation>依次切换目录树、列表和文章</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Actual Size</source>
        <translation>实际大小(&amp;A)</translation>
    </message>
    <message>
        <source>The article&apos;s text back to its usual size</source>
        <translation>文章文字恢复为默认大小</translation>
    </message>
    <message>
        <source>&amp;Next Article</source>
        <translation>下一篇文章(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Previous Article</source>
        <translation>上一篇文章(&amp;P)</translation>
    </message>
    <message>
        <source>Next &amp;Unread Article</source>
        <translation>下一篇未读文章(&amp;U)</translation>
    </message>
    <message>
        <source>Page &amp;Down</source>
        <translation>向下翻页(&amp;D)</translation>
    </message>
    <message>
        <source>Page the article, then go to the next one</source>
        <translation>文章向下翻页，到底后转到下一篇</translation>
    </message>
    <message>
        <source>Page U&amp;p</source>
        <translation>向上翻页(&amp;P)</translation>
    </message>
    <message>
        <source>Page the article back, then go to the previous one</source>
        <translation>文章向上翻页，到顶后转到上一篇</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>后退(&amp;B)</translation>
    </message>
    <message>
        <source>The article seen before</source>
        <translation>之前看过的文章</translation>
    </message>
    <message>
        <source>&amp;Forward</source>
        <translation>前进(&amp;F)</translation>
    </message>
    <message>
        <source>Next &amp;Match</source>
        <translation>下一处匹配(&amp;M)</translation>
    </message>
    <message>
        <source>Next search term in the article</source>
        <translation>文章中下一处搜索词</translation>
    </message>
    <message>
        <source>Previous M&amp;atch</source>
        <translation>上一处匹配(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Star</source>
        <translation>星标(&amp;S)</translation>
    </message>
    <message>
        <source>Toggle &amp;Read</source>
        <translation>切换已读(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Open Original</source>
        <translation>打开原文(&amp;O)</translation>
    </message>
    <message>
        <source>Open the original in the browser</source>
        <translation>在浏览器中打开原文</translation>
    </message>
    <message>
        <source>Copy &amp;Link</source>
        <translation>复制链接(&amp;L)</translation>
    </message>
    <message>
        <source>The article&apos;s address on its site, or its file</source>
        <translation>文章在其网站上的地址，或其文件</translation>
    </message>
    <message>
        <source>Copy as Mar&amp;kdown</source>
        <translation>复制为 Markdown(&amp;K)</translation>
    </message>
    <message>
        <source>[title](link), to paste into notes</source>
        <translation>[标题](链接)，便于贴进笔记</translation>
    </message>
    <message>
        <source>Copy Selection as Markdo&amp;wn</source>
        <translation>将所选内容复制为 Markdown(&amp;W)</translation>
    </message>
    <message>
        <source>The selected text with its links, bold and lists as Markdown</source>
        <translation>所选文字连同链接、粗体和列表，以 Markdown 格式</translation>
    </message>
    <message>
        <source>Highl&amp;ight</source>
        <translation>高亮(&amp;I)</translation>
    </message>
    <message>
        <source>Highlight the text selected in the article</source>
        <translation>高亮文章中选中的文字</translation>
    </message>
    <message>
        <source>Add No&amp;te…</source>
        <translation>添加笔记(&amp;T)…</translation>
    </message>
    <message>
        <source>A note on the highlight at the cursor, or the selection highlighted with a note</source>
        <translation>为光标处的高亮写笔记，或高亮选中的文字并写笔记</translation>
    </message>
    <message>
        <source>Re&amp;move Highlight</source>
        <translation>移除高亮(&amp;M)</translation>
    </message>
    <message>
        <source>Remove the highlight at the cursor</source>
        <translation>移除光标处的高亮</translation>
    </message>
    <message>
        <source>Export Article&apos;s Hi&amp;ghlights…</source>
        <translation>导出本文高亮(&amp;G)…</translation>
    </message>
    <message>
        <source>This article&apos;s highlights and notes as Markdown</source>
        <translation>本文的高亮和笔记，导出为 Markdown</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <source>Export as P&amp;DF…</source>
        <translation>导出为 PDF(&amp;D)…</translation>
    </message>
    <message>
        <source>Export as &amp;HTML…</source>
        <translation>导出为 HTML(&amp;H)…</translation>
    </message>
    <message>
        <source>One file with its images inside, no script</source>
        <translation>单个文件，图片内嵌，不含脚本</translation>
    </message>
    <message>
        <source>Export as Markdow&amp;n…</source>
        <translation>导出为 Markdown(&amp;N)…</translation>
    </message>
    <message>
        <source>The post&apos;s file as written: front matter and body</source>
        <translation>文章文件原样：前置元数据和正文</translation>
    </message>
    <message>
        <source>Mark &amp;Selection Read</source>
        <translation>将所选标为已读(&amp;S)</translation>
    </message>
    <message>
        <source>Mark &amp;All Read</source>
        <translation>全部标为已读(&amp;A)</translation>
    </message>
    <message>
        <source>Mark every article in the list read</source>
        <translation>将列表中的所有文章标为已读</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>Open &amp;Log Folder</source>
        <translation>打开日志文件夹(&amp;L)</translation>
    </message>
    <message>
        <source>Where the reader writes what went wrong</source>
        <translation>阅读器记录出错信息的位置</translation>
    </message>
    <message>
        <source>&amp;About Jianbao Reader</source>
        <translation>关于剪报阅读器(&amp;A)</translation>
    </message>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Single-letter keys work when the list or the article has the focus.</source>
        <translation>单字母快捷键在焦点位于列表或文章时可用。</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Jianbao Reader</source>
        <translation>剪报阅读器</translation>
    </message>
</context>
<context>
    <name>ArticleActions</name>
    <message>
        <source>Open an article first</source>
        <translation>请先打开一篇文章</translation>
    </message>
    <message>
        <source>Copied {0}</source>
        <translation>已复制 {0}</translation>
    </message>
    <message>
        <source>Select some text of the article first</source>
        <translation>请先在文章中选择文字</translation>
    </message>
    <message>
        <source>Copied the selection as Markdown</source>
        <translation>已将所选内容复制为 Markdown</translation>
    </message>
    <message>
        <source>Exporting to {0}…</source>
        <translation>正在导出到 {0}…</translation>
    </message>
    <message>
        <source>Exported to {0}</source>
        <translation>已导出到 {0}</translation>
    </message>
    <message>
        <source>Could not export to {0}: {1}</source>
        <translation>无法导出到 {0}：{1}</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Web page (*.html *.htm)</source>
        <translation>网页 (*.html *.htm)</translation>
    </message>
    <message>
        <source>Markdown (*.md *.markdown)</source>
        <translation>Markdown (*.md *.markdown)</translation>
    </message>
    <message>
        <source>Export Article</source>
        <translation>导出文章</translation>
    </message>
    <message>
        <source>Preparing to print…</source>
        <translation>正在准备打印…</translation>
    </message>
    <message>
        <source>Cannot print: {0}</source>
        <translation>无法打印：{0}</translation>
    </message>
    <message>
        <source>Print Preview: {0}</source>
        <translation>打印预览：{0}</translation>
    </message>
</context>
<context>
    <name>ArticleListModel</name>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>Snippet</source>
        <translation>摘要</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>文库</translation>
    </message>
    <message>
        <source>(no longer in the index)</source>
        <translation>（已不在索引中）</translation>
    </message>
    <message>
        <source>read</source>
        <translation>已读</translation>
    </message>
    <message>
        <source>unread</source>
        <translation>未读</translation>
    </message>
    <message>
        <source>starred</source>
        <translation>已加星标</translation>
    </message>
    <message>
        <source>draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>problem: %1</source>
        <translation>问题：%1</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>Problem: %1</source>
        <translation>问题：%1</translation>
    </message>
    <message>
        <source>Found in the title: the full text is not indexed yet</source>
        <translation>在标题中找到：全文尚未编入索引</translation>
    </message>
</context>
<context>
    <name>ArticleListView</name>
    <message>
        <source>Articles</source>
        <translation>文章</translation>
    </message>
    <message>
        <source>The articles to read; Enter or a click opens one, J and K move</source>
        <translation>要阅读的文章；按 Enter 或单击打开，J 和 K 上下移动</translation>
    </message>
</context>
<context>
    <name>ArticlePage</name>
    <message>
        <source>(untitled)</source>
        <translation>（无标题）</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>Source:</source>
        <translation>来源：</translation>
    </message>
    <message>
        <source>This article is very long: only its beginning is shown.</source>
        <translation>这篇文章很长，只显示了开头部分。</translation>
    </message>
    <message>
        <source>Show the whole article</source>
        <translation>显示全文</translation>
    </message>
    <message>
        <source>Problem reading this file:</source>
        <translation>读取此文件时出现问题：</translation>
    </message>
    <message>
        <source>This post has no text.</source>
        <translation>这篇文章没有正文。</translation>
    </message>
    <message>
        <source> From {first} to {last}.</source>
        <translation>时间跨度：{first}至{last}。</translation>
    </message>
    <message>
        <source>Top categories</source>
        <translation>主要分类</translation>
    </message>
    <message>
        <source>Keys worth knowing</source>
        <translation>常用快捷键</translation>
    </message>
    <message>
        <source>No articles yet: the library is being read.</source>
        <translation>还没有文章：正在读取文库。</translation>
    </message>
    <message numerus="yes">
        <source>%Ln article(s), {unread} unread, {starred} starred.</source>
        <translation>
            <numerusform>共 %Ln 篇文章，{unread} 篇未读，{starred} 篇已加星标。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln highlight(s) of this article no longer match its text (detached): kept, and listed under Highlights.</source>
        <translation>
            <numerusform>本文有 %Ln 处高亮已与正文对不上（已脱离）：它们仍被保留，列在“高亮”下。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ArticleView</name>
    <message>
        <source>blocked: {0}</source>
        <translation>已阻止：{0}</translation>
    </message>
    <message>
        <source>blocked: data: image</source>
        <translation>已阻止：data: 图片</translation>
    </message>
    <message>
        <source>image missing: {0}</source>
        <translation>图片缺失：{0}</translation>
    </message>
    <message>
        <source>image unreadable: {0}</source>
        <translation>图片无法读取：{0}</translation>
    </message>
    <message>
        <source>image</source>
        <translation>图片</translation>
    </message>
    <message>
        <source>{0} (not loaded)</source>
        <translation>{0}（未加载）</translation>
    </message>
    <message>
        <source>Link not followed: {0}</source>
        <translation>未打开链接：{0}</translation>
    </message>
    <message>
        <source>Could not follow the link {0}</source>
        <translation>无法打开链接 {0}</translation>
    </message>
    <message>
        <source>Link refused (only http, https and mailto open outside): {0}</source>
        <translation>已拒绝链接（只有 http、https 和 mailto 会在外部打开）：{0}</translation>
    </message>
    <message>
        <source>The link leads to nothing in this library: {0}</source>
        <translation>此链接在本文库中没有对应内容：{0}</translation>
    </message>
    <message>
        <source>Link refused: {0}</source>
        <translation>已拒绝链接：{0}</translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <source>Notice</source>
        <translation>通知</translation>
    </message>
    <message>
        <source>Hide this message</source>
        <translation>隐藏此消息</translation>
    </message>
</context>
<context>
    <name>Browsing</name>
    <message>
        <source>Could not read the index: {0}</source>
        <translation>无法读取索引：{0}</translation>
    </message>
    <message>
        <source>No results for “{0}”</source>
        <translation>没有找到“{0}”</translation>
    </message>
    <message>
        <source>{0:,}+ results for “{1}”</source>
        <translation>“{1}”的结果超过 {0:,} 条</translation>
    </message>
    <message numerus="yes">
        <source>%Ln result(s) for “{0}”</source>
        <translation>
            <numerusform>“{0}”共 %Ln 条结果</numerusform>
        </translation>
    </message>
    <message>
        <source>. The full text of {0:,} of {1:,} posts is indexed so far; the others are searched by title</source>
        <translation>。目前 {1:,} 篇文章中已有 {0:,} 篇的全文编入索引，其余只按标题搜索</translation>
    </message>
</context>
<context>
    <name>CoreMessage</name>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Abstract</source>
        <translation>摘要</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <source>Tldr</source>
        <translation>摘要</translation>
    </message>
    <message>
        <source>Info</source>
        <translation>信息</translation>
    </message>
    <message>
        <source>Todo</source>
        <translation>待办</translation>
    </message>
    <message>
        <source>Tip</source>
        <translation>提示</translation>
    </message>
    <message>
        <source>Hint</source>
        <translation>提示</translation>
    </message>
    <message>
        <source>Important</source>
        <translation>重要</translation>
    </message>
    <message>
        <source>Success</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>帮助</translation>
    </message>
    <message>
        <source>Faq</source>
        <translation>常见问题</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>Caution</source>
        <translation>小心</translation>
    </message>
    <message>
        <source>Attention</source>
        <translation>注意</translation>
    </message>
    <message>
        <source>Failure</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Fail</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>缺失</translation>
    </message>
    <message>
        <source>Danger</source>
        <translation>危险</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Bug</source>
        <translation>缺陷</translation>
    </message>
    <message>
        <source>Example</source>
        <translation>示例</translation>
    </message>
    <message>
        <source>Quote</source>
        <translation>引用</translation>
    </message>
    <message>
        <source>Cite</source>
        <translation>引用</translation>
    </message>
    <message>
        <source>mapping values are not allowed in this context</source>
        <translation>此处不能有键值对（多了一个冒号？）</translation>
    </message>
    <message>
        <source>block sequence entries are not allowed in this context</source>
        <translation>此处不能有列表项</translation>
    </message>
    <message>
        <source>found a tab character that violates indentation</source>
        <translation>制表符破坏了缩进</translation>
    </message>
    <message>
        <source>found character that cannot start any token</source>
        <translation>此处的字符不能作为开头</translation>
    </message>
    <message>
        <source>found undefined alias</source>
        <translation>未定义的别名</translation>
    </message>
    <message>
        <source>found unknown escape character</source>
        <translation>未知的转义字符</translation>
    </message>
    <message>
        <source>control characters are not allowed</source>
        <translation>不能有控制字符</translation>
    </message>
    <message>
        <source>found unhashable key</source>
        <translation>键不能是列表或映射</translation>
    </message>
    <message>
        <source>mapping values are not allowed here</source>
        <translation>此处不能有键值对（多了一个冒号？）</translation>
    </message>
    <message>
        <source>mapping keys are not allowed here</source>
        <translation>此处不能有键</translation>
    </message>
    <message>
        <source>block sequence entries are not allowed here</source>
        <translation>此处不能有列表项</translation>
    </message>
    <message>
        <source>could not find expected &apos;:&apos;</source>
        <translation>找不到应有的“:”</translation>
    </message>
    <message>
        <source>found unexpected end of stream</source>
        <translation>内容意外结束</translation>
    </message>
    <message>
        <source>found duplicate key</source>
        <translation>键重复</translation>
    </message>
    <message>
        <source>a quoted scalar</source>
        <translation>引号括起的值</translation>
    </message>
    <message>
        <source>a double-quoted scalar</source>
        <translation>双引号括起的值</translation>
    </message>
    <message>
        <source>a single-quoted scalar</source>
        <translation>单引号括起的值</translation>
    </message>
    <message>
        <source>a flow mapping</source>
        <translation>花括号括起的映射</translation>
    </message>
    <message>
        <source>a flow sequence</source>
        <translation>方括号括起的列表</translation>
    </message>
    <message>
        <source>a block mapping</source>
        <translation>缩进的映射</translation>
    </message>
    <message>
        <source>a block collection</source>
        <translation>缩进的列表或映射</translation>
    </message>
    <message>
        <source>a block scalar</source>
        <translation>多行文本值</translation>
    </message>
    <message>
        <source>a simple key</source>
        <translation>键</translation>
    </message>
    <message>
        <source>a value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Expecting value</source>
        <translation>此处应有一个值</translation>
    </message>
    <message>
        <source>Expecting property name enclosed in double quotes</source>
        <translation>此处应有双引号括起的键名</translation>
    </message>
    <message>
        <source>Expecting &apos;,&apos; delimiter</source>
        <translation>此处应有分隔符“,”</translation>
    </message>
    <message>
        <source>Expecting &apos;:&apos; delimiter</source>
        <translation>此处应有分隔符“:”</translation>
    </message>
    <message>
        <source>Extra data</source>
        <translation>结尾后还有多余内容</translation>
    </message>
    <message>
        <source>Unterminated string starting at</source>
        <translation>字符串没有结束</translation>
    </message>
    <message>
        <source>Invalid control character at</source>
        <translation>字符串中有无效的控制字符</translation>
    </message>
    <message>
        <source>Invalid value</source>
        <translation>无效的值</translation>
    </message>
    <message>
        <source>Invalid statement</source>
        <translation>无效的语句</translation>
    </message>
    <message>
        <source>Expected &apos;=&apos; after a key in a key/value pair</source>
        <translation>键后面应有“=”</translation>
    </message>
    <message>
        <source>Unclosed array</source>
        <translation>数组没有结束</translation>
    </message>
    <message>
        <source>Unclosed inline table</source>
        <translation>内联表没有结束</translation>
    </message>
    <message>
        <source>Unterminated string</source>
        <translation>字符串没有结束</translation>
    </message>
    <message>
        <source>Cannot overwrite a value</source>
        <translation>不能覆盖已有的值</translation>
    </message>
    <message>
        <source>Invalid date or datetime</source>
        <translation>无效的日期或时间</translation>
    </message>
    <message>
        <source>front matter is a list, not keys with values</source>
        <translation>前置元数据是一个列表，而不是键和值</translation>
    </message>
    <message>
        <source>front matter is a single value, not keys with values</source>
        <translation>前置元数据是单个值，而不是键和值</translation>
    </message>
    <message>
        <source>day is out of range for month</source>
        <translation>日期超出了该月的天数</translation>
    </message>
    <message>
        <source>month must be in 1..12</source>
        <translation>月份必须在 1 到 12 之间</translation>
    </message>
    <message>
        <source>a YAML alias inside its own anchor</source>
        <translation>YAML 别名位于自己的锚点之内</translation>
    </message>
    <message>
        <source>binary file, not text</source>
        <translation>二进制文件，不是文本</translation>
    </message>
    <message>
        <source>binary file, not text (no known encoding fits)</source>
        <translation>二进制文件，不是文本（没有相符的已知编码）</translation>
    </message>
    <message>
        <source>Permission denied</source>
        <translation>没有权限</translation>
    </message>
    <message>
        <source>No such file or directory</source>
        <translation>文件或文件夹不存在</translation>
    </message>
    <message>
        <source>Is a directory</source>
        <translation>这是一个文件夹</translation>
    </message>
    <message>
        <source>Input/output error</source>
        <translation>输入/输出错误</translation>
    </message>
    <message>
        <source>Too many levels of symbolic links</source>
        <translation>符号链接层数过多</translation>
    </message>
    <message>
        <source>File name too long</source>
        <translation>文件名过长</translation>
    </message>
    <message>
        <source>symbolic link pointing outside the library</source>
        <translation>指向文库之外的符号链接</translation>
    </message>
    <message>
        <source>file name is not valid UTF-8</source>
        <translation>文件名不是有效的 UTF-8</translation>
    </message>
    <message>
        <source>folder name is not valid UTF-8 (nothing in it is read)</source>
        <translation>文件夹名不是有效的 UTF-8（其中的内容都不读取）</translation>
    </message>
    <message>
        <source>permission denied</source>
        <translation>没有权限</translation>
    </message>
    <message>
        <source>symbolic link loop</source>
        <translation>符号链接循环</translation>
    </message>
    <message>
        <source>broken symbolic link</source>
        <translation>失效的符号链接</translation>
    </message>
    <message>
        <source>outside the library</source>
        <translation>在文库之外</translation>
    </message>
    <message>
        <source>was replaced by a symbolic link</source>
        <translation>已被替换为符号链接</translation>
    </message>
    <message>
        <source>the library</source>
        <translation>文库</translation>
    </message>
    <message>
        <source>FIFO</source>
        <translation>命名管道</translation>
    </message>
    <message>
        <source>socket</source>
        <translation>套接字</translation>
    </message>
    <message>
        <source>character device</source>
        <translation>字符设备</translation>
    </message>
    <message>
        <source>block device</source>
        <translation>块设备</translation>
    </message>
    <message>
        <source>folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>symbolic link</source>
        <translation>符号链接</translation>
    </message>
    <message>
        <source>the index was damaged and has been rebuilt</source>
        <translation>索引已损坏，已重新建立</translation>
    </message>
    <message>
        <source>the index was deleted while the program ran and has been rebuilt</source>
        <translation>索引在程序运行时被删除，已重新建立</translation>
    </message>
    <message>
        <source>the index was corrupt and has been rebuilt</source>
        <translation>索引已损坏，已重新建立</translation>
    </message>
    <message>
        <source>database is locked</source>
        <translation>数据库被锁定</translation>
    </message>
    <message>
        <source>disk I/O error</source>
        <translation>磁盘读写错误</translation>
    </message>
    <message>
        <source>unable to open database file</source>
        <translation>无法打开数据库文件</translation>
    </message>
    <message>
        <source>attempt to write a readonly database</source>
        <translation>数据库是只读的，无法写入</translation>
    </message>
    <message>
        <source>database or disk is full</source>
        <translation>数据库或磁盘已满</translation>
    </message>
    <message>
        <source>No space left on device</source>
        <translation>磁盘空间不足</translation>
    </message>
    <message>
        <source>Read-only file system</source>
        <translation>只读文件系统</translation>
    </message>
    <message>
        <source>Not a directory</source>
        <translation>不是文件夹</translation>
    </message>
    <message>
        <source>read-only file system</source>
        <translation>只读文件系统</translation>
    </message>
    <message>
        <source>the disk is full</source>
        <translation>磁盘已满</translation>
    </message>
    <message>
        <source>no permission to write</source>
        <translation>没有写入权限</translation>
    </message>
    <message>
        <source>no such post in the index</source>
        <translation>索引中没有这篇文章</translation>
    </message>
    <message>
        <source>the file is no longer there (moved or deleted)</source>
        <translation>文件已不在原处（被移动或删除）</translation>
    </message>
    <message>
        <source>nothing is selected</source>
        <translation>没有选中任何内容</translation>
    </message>
    <message>
        <source>Type a word or phrase to search for.</source>
        <translation>请输入要搜索的词语或短语。</translation>
    </message>
    <message>
        <source>A “-” must be followed by what to leave out, as in -word.</source>
        <translation>“-”后面要跟要排除的词，例如 -词语。</translation>
    </message>
    <message>
        <source>A quotation mark is not closed: add the closing &quot;.</source>
        <translation>引号没有闭合：请补上结尾的 &quot;。</translation>
    </message>
    <message>
        <source>“OR” needs something to search for on each side, as in 新能源 OR 电池.</source>
        <translation>“OR”两边都要有搜索的内容，例如 新能源 OR 电池。</translation>
    </message>
    <message>
        <source>Add a word to search for: “-” only leaves words out.</source>
        <translation>请加上要搜索的词：“-”只用于排除词语。</translation>
    </message>
    <message>
        <source>use date:2022, date:2022-01, date:2021-12-08 or a range like date:2022-01..2022-03</source>
        <translation>请用 date:2022、date:2022-01、date:2021-12-08，或 date:2022-01..2022-03 这样的范围</translation>
    </message>
    <message>
        <source>video</source>
        <translation>视频</translation>
    </message>
    <message>
        <source>audio</source>
        <translation>音频</translation>
    </message>
    <message>
        <source>embed</source>
        <translation>嵌入内容</translation>
    </message>
    <message>
        <source>front matter, line %1: %2</source>
        <translation>前置元数据第 %1 行：%2</translation>
    </message>
    <message>
        <source>front matter, %1</source>
        <translation>前置元数据：%1</translation>
    </message>
    <message>
        <source>%1 &apos;%2&apos; is not a date</source>
        <translation>%1 的值“%2”不是日期</translation>
    </message>
    <message>
        <source>could not read: %1</source>
        <translation>无法读取：%1</translation>
    </message>
    <message>
        <source>cannot be read: %1</source>
        <translation>无法读取：%1</translation>
    </message>
    <message>
        <source>not valid %1 after its byte-order mark</source>
        <translation>字节顺序标记（BOM）之后不是有效的 %1</translation>
    </message>
    <message>
        <source>no closing &apos;%1&apos; line after this opening one</source>
        <translation>开头的“%1”行之后没有结尾的那一行</translation>
    </message>
    <message>
        <source>too complex to read (%1)</source>
        <translation>过于复杂，无法读取（%1）</translation>
    </message>
    <message>
        <source>over %1 s of CPU</source>
        <translation>CPU 时间超过 %1 秒</translation>
    </message>
    <message>
        <source>over %1 MB of memory</source>
        <translation>内存超过 %1 MB</translation>
    </message>
    <message>
        <source>YAML aliases expand to over %1 values</source>
        <translation>YAML 别名展开后超过 %1 个值</translation>
    </message>
    <message>
        <source>%1: searched by its source text</source>
        <translation>%1：按源文本搜索</translation>
    </message>
    <message>
        <source>%1 that never ends</source>
        <translation>%1没有结束</translation>
    </message>
    <message>
        <source>found character %1 that cannot start any token</source>
        <translation>字符 %1 不能出现在这里</translation>
    </message>
    <message>
        <source>found undefined alias %1</source>
        <translation>未定义的别名 %1</translation>
    </message>
    <message>
        <source>found unknown escape character %1</source>
        <translation>未知的转义字符 %1</translation>
    </message>
    <message>
        <source>found undefined tag handle %1</source>
        <translation>未定义的标签前缀 %1</translation>
    </message>
    <message>
        <source>could not determine a constructor for the tag %1</source>
        <translation>不认识的标签 %1</translation>
    </message>
    <message>
        <source>did not find expected %1</source>
        <translation>此处应有 %1</translation>
    </message>
    <message>
        <source>expected %1, but found %2</source>
        <translation>此处应为 %1，却是 %2</translation>
    </message>
    <message>
        <source>Cannot declare %1 twice</source>
        <translation>%1 不能声明两次</translation>
    </message>
    <message>
        <source>Illegal character %1</source>
        <translation>非法字符 %1</translation>
    </message>
    <message>
        <source>not a regular file (%1)</source>
        <translation>不是普通文件（%1）</translation>
    </message>
    <message>
        <source>folder cannot be read: %1</source>
        <translation>无法读取文件夹：%1</translation>
    </message>
    <message>
        <source>symbolic link to a folder read already (%1)</source>
        <translation>指向已读取文件夹的符号链接（%1）</translation>
    </message>
    <message>
        <source>folder whose name ends in %1 (not a post; the files in it are read)</source>
        <translation>名称以 %1 结尾的文件夹（不是文章；其中的文件会读取）</translation>
    </message>
    <message>
        <source>no post found (a drive not mounted?): the index keeps its %1 posts until a refresh finds some</source>
        <translation>没有找到文章（磁盘未挂载？）：索引保留其 %1 篇文章，直到刷新时再找到文章</translation>
    </message>
    <message>
        <source>the index was made by a newer version of the program (schema %1, this one knows %2): it is left for that version, and this one keeps its own (%3)</source>
        <translation>索引由更新版本的程序建立（结构版本 %1，本程序支持 %2）：保留给该版本使用，本程序另用自己的索引（%3）</translation>
    </message>
    <message>
        <source>Cannot create the index folder %1: %2</source>
        <translation>无法创建索引文件夹 %1：%2</translation>
    </message>
    <message>
        <source>Cannot replace the damaged index %1: %2</source>
        <translation>无法替换已损坏的索引 %1：%2</translation>
    </message>
    <message>
        <source>Cannot open the index %1: %2</source>
        <translation>无法打开索引 %1：%2</translation>
    </message>
    <message>
        <source>Cannot open the reading state %1: %2</source>
        <translation>无法打开阅读状态 %1：%2</translation>
    </message>
    <message>
        <source>Cannot create the data folder %1: %2</source>
        <translation>无法创建数据文件夹 %1：%2</translation>
    </message>
    <message>
        <source>Cannot write the full-text index %1: %2</source>
        <translation>无法写入全文索引 %1：%2</translation>
    </message>
    <message>
        <source>Cannot remove the old full-text index %1: %2</source>
        <translation>无法删除旧的全文索引 %1：%2</translation>
    </message>
    <message>
        <source>the index folder %1 cannot be used (%2); until it can, the index is kept in %3</source>
        <translation>索引文件夹 %1 无法使用（%2）；在恢复之前，索引暂存于 %3</translation>
    </message>
    <message>
        <source>Cannot make the full-text index: %1</source>
        <translation>无法建立全文索引：%1</translation>
    </message>
    <message>
        <source>Cannot write to the index: %1</source>
        <translation>无法写入索引：%1</translation>
    </message>
    <message>
        <source>The index could not be used: %1</source>
        <translation>无法使用索引：%1</translation>
    </message>
    <message>
        <source>%1%2</source>
        <translation>%1%2</translation>
    </message>
    <message>
        <source>%1: cannot be written (%2)</source>
        <translation>%1：无法写入（%2）</translation>
    </message>
    <message>
        <source>%1: not a JSON file (%2)</source>
        <translation>%1：不是 JSON 文件（%2）</translation>
    </message>
    <message>
        <source>%1: not a Jianbao reading-data file</source>
        <translation>%1：不是剪报阅读器的阅读数据文件</translation>
    </message>
    <message>
        <source>%1: no such folder</source>
        <translation>%1：文件夹不存在</translation>
    </message>
    <message>
        <source>%1: not a folder</source>
        <translation>%1：不是文件夹</translation>
    </message>
    <message>
        <source>%1: cannot be read (%2)</source>
        <translation>%1：无法读取（%2）</translation>
    </message>
    <message>
        <source>is too large to show (%1 bytes)</source>
        <translation>太大，无法显示（%1 字节）</translation>
    </message>
    <message>
        <source>a highlight holds at most %1 characters</source>
        <translation>一处高亮最多 %1 个字符</translation>
    </message>
    <message>
        <source>“date:%1” is not a date I understand: %2.</source>
        <translation>无法识别“date:%1”中的日期：%2。</translation>
    </message>
    <message>
        <source>“date:%1” is not a real date: %2.</source>
        <translation>“date:%1”不是真实存在的日期：%2。</translation>
    </message>
    <message>
        <source>“date:%1” ends before it starts.</source>
        <translation>“date:%1”的结束早于开始。</translation>
    </message>
    <message>
        <source>“%1:” needs a value, as in %2.</source>
        <translation>“%1:”后面需要一个值，例如 %2。</translation>
    </message>
    <message>
        <source>This search could not be run (%1).</source>
        <translation>无法执行此搜索（%1）。</translation>
    </message>
    <message>
        <source>Embedded: %1</source>
        <translation>嵌入：%1</translation>
    </message>
    <message>
        <source>YouTube video %1</source>
        <translation>YouTube 视频 %1</translation>
    </message>
    <message>
        <source>Vimeo video %1</source>
        <translation>Vimeo 视频 %1</translation>
    </message>
    <message>
        <source>Tweet %1</source>
        <translation>推文 %1</translation>
    </message>
    <message>
        <source>Gist %1</source>
        <translation>Gist 代码片段 %1</translation>
    </message>
    <message>
        <source>Instagram post %1</source>
        <translation>Instagram 帖子 %1</translation>
    </message>
    <message>
        <source>[%1: %2]</source>
        <translation>[%1：%2]</translation>
    </message>
    <message>
        <source>[%1]</source>
        <translation>[%1]</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
</context>
<context>
    <name>Dates</name>
    <message>
        <source>{year}</source>
        <translation>{year}年</translation>
    </message>
    <message>
        <source>{year}-{month:02}</source>
        <translation>{year}年{month}月</translation>
    </message>
    <message>
        <source>{year}-{month:02}-{day:02} {hour:02}:{minute:02}</source>
        <translation>{year}年{month}月{day}日 {hour:02}:{minute:02}</translation>
    </message>
    <message>
        <source>{year}-{month:02}-{day:02}</source>
        <translation>{year}年{month}月{day}日</translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <source>Jianbao Reader ran into a problem</source>
        <translation>剪报阅读器遇到了问题</translation>
    </message>
    <message>
        <source>Details of the problem</source>
        <translation>问题详情</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>复制详情</translation>
    </message>
    <message>
        <source>Open log folder</source>
        <translation>打开日志文件夹</translation>
    </message>
    <message>
        <source>Something went wrong: {summary}

The reader may go on working. The details are also in the log file in {folder}.</source>
        <translation>出错了：{summary}

阅读器可能仍可继续使用。详细信息也记录在 {folder} 中的日志文件里。</translation>
    </message>
</context>
<context>
    <name>Highlights</name>
    <message>
        <source>This article is no longer in the library</source>
        <translation>这篇文章已不在文库中</translation>
    </message>
    <message>
        <source>Some highlights of this article no longer match its text: they are kept, marked detached</source>
        <translation>本文部分高亮已与正文对不上：它们仍被保留，标为已脱离</translation>
    </message>
    <message>
        <source>Select some text in the article first</source>
        <translation>请先在文章中选中一些文字</translation>
    </message>
    <message>
        <source>Highlighted; it is listed under Highlights</source>
        <translation>已高亮，列在“高亮”下</translation>
    </message>
    <message>
        <source>Select some text, or click in a highlight, first</source>
        <translation>请先选中一些文字，或点击一处高亮</translation>
    </message>
    <message>
        <source>Note saved</source>
        <translation>笔记已保存</translation>
    </message>
    <message>
        <source>Click in a highlight first</source>
        <translation>请先点击一处高亮</translation>
    </message>
    <message>
        <source>Highlight removed</source>
        <translation>高亮已移除</translation>
    </message>
    <message>
        <source>Could not save the highlight: {0}</source>
        <translation>无法保存高亮：{0}</translation>
    </message>
    <message>
        <source>This highlight is detached: its quote is no longer found in the article</source>
        <translation>此高亮已脱离：文章中已找不到它的原文</translation>
    </message>
    <message>
        <source>The article of this highlight is no longer in the library</source>
        <translation>此高亮所在的文章已不在文库中</translation>
    </message>
    <message>
        <source>This article has no highlights</source>
        <translation>本文没有高亮</translation>
    </message>
    <message>
        <source>Export Highlights</source>
        <translation>导出高亮</translation>
    </message>
    <message>
        <source>Markdown (*.md)</source>
        <translation>Markdown 文件 (*.md)</translation>
    </message>
    <message>
        <source>Highlights</source>
        <translation>高亮</translation>
    </message>
    <message>
        <source>detached: this quote is no longer found in the article</source>
        <translation>已脱离：文章中已找不到这段原文</translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln highlight(s) to {0}</source>
        <translation>
            <numerusform>已将 %Ln 处高亮导出到 {0}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>IndexProgress</name>
    <message>
        <source>Scanning</source>
        <translation>正在扫描</translation>
    </message>
    <message>
        <source>Indexing</source>
        <translation>正在编入索引</translation>
    </message>
    <message>
        <source>Indexing text</source>
        <translation>正在为全文编入索引</translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <source>System Language</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>The new language is used when Jianbao Reader starts again.</source>
        <translation>新的语言将在剪报阅读器下次启动时生效。</translation>
    </message>
</context>
<context>
    <name>LibraryTreeModel</name>
    <message>
        <source>Library</source>
        <translation>文库</translation>
    </message>
    <message>
        <source>Saved Searches</source>
        <translation>已存搜索</translation>
    </message>
    <message>
        <source>Highlights</source>
        <translation>高亮</translation>
    </message>
    <message>
        <source>Categories</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Archive</source>
        <translation>归档</translation>
    </message>
    <message>
        <source>All articles</source>
        <translation>全部文章</translation>
    </message>
    <message>
        <source>Unread</source>
        <translation>未读</translation>
    </message>
    <message>
        <source>Starred</source>
        <translation>星标</translation>
    </message>
    <message>
        <source>Drafts</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>有问题</translation>
    </message>
    <message>
        <source>All libraries</source>
        <translation>全部文库</translation>
    </message>
    <message>
        <source>detached</source>
        <translation>已脱离</translation>
    </message>
    <message>
        <source>{0}: {1} unread of {2} article(s) for “{3}”</source>
        <translation>{0}：“{3}”共 {2} 篇，{1} 篇未读</translation>
    </message>
    <message>
        <source>Detached: no longer found in the article</source>
        <translation>已脱离：文章中已找不到</translation>
    </message>
    <message numerus="yes">
        <source>%Ln article(s)</source>
        <translation>
            <numerusform>%Ln 篇文章</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Links</name>
    <message>
        <source>Shows the whole article</source>
        <translation>显示全文</translation>
    </message>
    <message>
        <source>Opens: {0}</source>
        <translation>打开：{0}</translation>
    </message>
    <message>
        <source>category</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>tag</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Lists the articles in the {0} “{1}”</source>
        <translation>列出{0}“{1}”中的文章</translation>
    </message>
    <message>
        <source>Goes to a place in this article</source>
        <translation>跳到本文中的某处</translation>
    </message>
    <message>
        <source>Leads to nothing in this library: {0}</source>
        <translation>在本文库中没有对应内容：{0}</translation>
    </message>
    <message>
        <source>Will not be opened: {0}</source>
        <translation>不会打开：{0}</translation>
    </message>
    <message>
        <source>Writes an email to: {0}</source>
        <translation>写邮件给：{0}</translation>
    </message>
    <message>
        <source>Opens in browser: {0}</source>
        <translation>在浏览器中打开：{0}</translation>
    </message>
</context>
<context>
    <name>Locate</name>
    <message>
        <source>An empty path was given; nothing was opened.</source>
        <translation>给出的路径为空，没有打开任何内容。</translation>
    </message>
    <message>
        <source>{0} is a relative path and the folder it is relative to is unknown.</source>
        <translation>{0} 是相对路径，但不知道它相对于哪个文件夹。</translation>
    </message>
    <message>
        <source>{0} cannot be opened: its name is not valid UTF-8 (rename the file or folder).</source>
        <translation>无法打开 {0}：它的名称不是有效的 UTF-8（请重命名该文件或文件夹）。</translation>
    </message>
    <message>
        <source>There is no file or folder at {0}.</source>
        <translation>{0} 处没有文件或文件夹。</translation>
    </message>
    <message>
        <source>{0} is not a post file. Jianbao Reader opens folders and {1} files.</source>
        <translation>{0} 不是文章文件。剪报阅读器可以打开文件夹和 {1} 文件。</translation>
    </message>
    <message>
        <source>{0} cannot be read: {1}.</source>
        <translation>无法读取 {0}：{1}。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>Filter tags</source>
        <translation>筛选标签</translation>
    </message>
    <message>
        <source>Shows only the tags whose names hold this text</source>
        <translation>只显示名称包含此文字的标签</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>文库</translation>
    </message>
    <message>
        <source>Views, categories, tags and archive; the selection picks the articles listed</source>
        <translation>视图、分类、标签和归档；所选项决定列出哪些文章</translation>
    </message>
    <message>
        <source>Filter by title</source>
        <translation>按标题筛选</translation>
    </message>
    <message>
        <source>Lists only the articles whose titles hold this text</source>
        <translation>只列出标题包含此文字的文章</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>搜索结果</translation>
    </message>
    <message>
        <source>Article</source>
        <translation>文章</translation>
    </message>
    <message>
        <source>You are looking at the sample library that comes with Jianbao Reader.</source>
        <translation>当前显示的是剪报阅读器自带的示例文库。</translation>
    </message>
    <message>
        <source>Open your library folder…</source>
        <translation>打开你的文库文件夹…</translation>
    </message>
    <message>
        <source>No library is open.</source>
        <translation>没有打开任何文库。</translation>
    </message>
    <message>
        <source>Open Library Folder</source>
        <translation>打开文库文件夹</translation>
    </message>
    <message>
        <source>Upgrading the index of {0}…</source>
        <translation>正在升级“{0}”的索引…</translation>
    </message>
    <message>
        <source>Cannot open this library</source>
        <translation>无法打开此文库</translation>
    </message>
    <message>
        <source>The index was rebuilt: {0}</source>
        <translation>索引已重建：{0}</translation>
    </message>
    <message>
        <source>Showing {0} on its own; its folder is not indexed.</source>
        <translation>单独显示 {0}；它所在的文件夹未编入索引。</translation>
    </message>
    <message>
        <source>Open Folder as Library</source>
        <translation>将文件夹作为文库打开</translation>
    </message>
    <message>
        <source>{0:,} new, {1:,} changed, {2:,} removed</source>
        <translation>新增 {0:,} 篇，修改 {1:,} 篇，删除 {2:,} 篇</translation>
    </message>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Jianbao Reader (剪报阅读器)</source>
        <translation>剪报阅读器</translation>
    </message>
    <message>
        <source>An offline reader for folders of article posts.</source>
        <translation>离线阅读文章文件夹的阅读器。</translation>
    </message>
    <message>
        <source>About {0}</source>
        <translation>关于{0}</translation>
    </message>
</context>
<context>
    <name>NoteDialog</name>
    <message>
        <source>Note</source>
        <translation>笔记</translation>
    </message>
    <message>
        <source>Your note on this passage</source>
        <translation>写下你对这段文字的笔记</translation>
    </message>
</context>
<context>
    <name>OpenLibraries</name>
    <message>
        <source>Add Library</source>
        <translation>添加文库</translation>
    </message>
    <message>
        <source>{0} was removed from the window; its folder is untouched</source>
        <translation>已从窗口中移除“{0}”；其文件夹未被改动</translation>
    </message>
    <message>
        <source>All libraries</source>
        <translation>全部文库</translation>
    </message>
    <message>
        <source>Indexing: {0}</source>
        <translation>正在索引：{0}</translation>
    </message>
    <message>
        <source>Recent &amp;Libraries</source>
        <translation>最近的文库(&amp;L)</translation>
    </message>
    <message>
        <source>(none yet)</source>
        <translation>（暂无）</translation>
    </message>
</context>
<context>
    <name>OpenPaths</name>
    <message>
        <source>the top of a disk</source>
        <translation>磁盘的根目录</translation>
    </message>
    <message>
        <source>your home folder</source>
        <translation>你的主文件夹</translation>
    </message>
    <message>
        <source>a folder that holds the home folders</source>
        <translation>存放各用户主文件夹的文件夹</translation>
    </message>
    <message>
        <source>a system folder</source>
        <translation>系统文件夹</translation>
    </message>
    <message>
        <source>Opened {name}; {more} more not opened (one at a time)</source>
        <translation>已打开 {name}；另外 {more} 项未打开（一次只能打开一个）</translation>
    </message>
    <message>
        <source>Cannot open this</source>
        <translation>无法打开</translation>
    </message>
    <message>
        <source>Cannot open these</source>
        <translation>无法打开这些项目</translation>
    </message>
    <message>
        <source>Open this folder as a library?</source>
        <translation>将此文件夹作为文库打开吗？</translation>
    </message>
    <message>
        <source>{folder} is {reason}. Opening it as a library reads every post file in it and in all its folders, which can take very long.</source>
        <translation>{folder} 是{reason}。将它作为文库打开会读取其中及所有子文件夹里的每个文章文件，可能需要很长时间。</translation>
    </message>
    <message>
        <source>Open Anyway</source>
        <translation>仍然打开</translation>
    </message>
</context>
<context>
    <name>PostByPath</name>
    <message>
        <source>{0} is not in this library</source>
        <translation>{0} 不在此文库中</translation>
    </message>
    <message>
        <source>{0} is not one of this library&apos;s posts; shown on its own</source>
        <translation>{0} 不是此文库的文章，单独显示</translation>
    </message>
    <message>
        <source>This file cannot be shown</source>
        <translation>无法显示此文件</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Follow the System</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>Preferences</source>
        <translation>首选项</translation>
    </message>
    <message>
        <source> em</source>
        <translation> 字</translation>
    </message>
    <message>
        <source>&amp;Chinese font:</source>
        <translation>中文字体(&amp;C)：</translation>
    </message>
    <message>
        <source>L&amp;atin font:</source>
        <translation>西文字体(&amp;A)：</translation>
    </message>
    <message>
        <source>Font &amp;size:</source>
        <translation>字号(&amp;S)：</translation>
    </message>
    <message>
        <source>Text &amp;width:</source>
        <translation>正文宽度(&amp;W)：</translation>
    </message>
    <message>
        <source>Line &amp;height:</source>
        <translation>行高(&amp;H)：</translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation>主题(&amp;T)：</translation>
    </message>
    <message>
        <source>Mark as read &amp;after:</source>
        <translation>标为已读前等待(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>界面语言(&amp;L)：</translation>
    </message>
</context>
<context>
    <name>PrintPdf</name>
    <message>
        <source>{0} (not loaded)</source>
        <translation>{0}（未加载）</translation>
    </message>
    <message>
        <source>image unreadable: {0}</source>
        <translation>图片无法读取：{0}</translation>
    </message>
    <message>
        <source>image missing: {0}</source>
        <translation>图片缺失：{0}</translation>
    </message>
    <message>
        <source>image</source>
        <translation>图片</translation>
    </message>
    <message>
        <source>blocked: {0}</source>
        <translation>已阻止：{0}</translation>
    </message>
    <message>
        <source>{0} / {1}</source>
        <translation>{0} / {1}</translation>
    </message>
</context>
<context>
    <name>ReadAs</name>
    <message>
        <source>As &amp;Written</source>
        <translation>原文(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Simplified Chinese</source>
        <translation>简体中文(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Traditional Chinese</source>
        <translation>繁体中文(&amp;T)</translation>
    </message>
    <message>
        <source>Read &amp;As</source>
        <translation>简繁显示(&amp;A)</translation>
    </message>
</context>
<context>
    <name>Reading</name>
    <message>
        <source>Problem in {0}: {1}</source>
        <translation>{0} 有问题：{1}</translation>
    </message>
    <message>
        <source>This article cannot be shown</source>
        <translation>无法显示这篇文章</translation>
    </message>
    <message>
        <source>Reading the whole article…</source>
        <translation>正在读取全文…</translation>
    </message>
    <message>
        <source>Could not save the reading position: {0}</source>
        <translation>无法保存阅读位置：{0}</translation>
    </message>
    <message>
        <source>No more articles</source>
        <translation>没有更多文章了</translation>
    </message>
    <message>
        <source>This is the first article</source>
        <translation>这是第一篇文章</translation>
    </message>
    <message>
        <source>Wrapped around to the top</source>
        <translation>已回到顶部</translation>
    </message>
    <message>
        <source>No unread articles</source>
        <translation>没有未读文章</translation>
    </message>
    <message>
        <source>Could not mark read: {0}</source>
        <translation>无法标为已读：{0}</translation>
    </message>
    <message>
        <source>Could not star: {0}</source>
        <translation>无法加星标：{0}</translation>
    </message>
    <message>
        <source>This article has no source link</source>
        <translation>这篇文章没有原文链接</translation>
    </message>
    <message numerus="yes">
        <source>Marking %Ln article(s) read…</source>
        <translation>
            <numerusform>正在将 %Ln 篇文章标为已读…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Marked %Ln article(s) read</source>
        <translation>
            <numerusform>已将 %Ln 篇文章标为已读</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReadingData</name>
    <message>
        <source>Reading data (*.json)</source>
        <translation>阅读数据 (*.json)</translation>
    </message>
    <message>
        <source>Export Reading Data</source>
        <translation>导出阅读数据</translation>
    </message>
    <message>
        <source>Exporting the reading data to {0}…</source>
        <translation>正在将阅读数据导出到 {0}…</translation>
    </message>
    <message numerus="yes">
        <source>Exported the marks of %Ln post(s) to {0}</source>
        <translation>
            <numerusform>已将 %Ln 篇文章的标记导出到 {0}</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not export the reading data: {0}</source>
        <translation>无法导出阅读数据：{0}</translation>
    </message>
    <message>
        <source>Import Reading Data</source>
        <translation>导入阅读数据</translation>
    </message>
    <message>
        <source>Importing the reading data from {0}…</source>
        <translation>正在从 {0} 导入阅读数据…</translation>
    </message>
    <message>
        <source>Nothing was imported: {0}</source>
        <translation>未导入任何内容：{0}</translation>
    </message>
    <message numerus="yes">
        <source>Imported %Ln newer mark(s)</source>
        <translation>
            <numerusform>已导入 %Ln 个较新的标记</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(%Ln post(s) in the file)</source>
        <translation>
            <numerusform>（文件中有 %Ln 篇文章）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Refresher</name>
    <message>
        <source>Could not refresh the library: {0}</source>
        <translation>无法刷新文库：{0}</translation>
    </message>
</context>
<context>
    <name>SavedSearches</name>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>Save Search</source>
        <translation>保存搜索</translation>
    </message>
    <message>
        <source>Saved the search “{0}”</source>
        <translation>已保存搜索“{0}”</translation>
    </message>
    <message>
        <source>Click a saved search in the tree first</source>
        <translation>请先在侧栏中点击一个已存搜索</translation>
    </message>
    <message>
        <source>Rename Saved Search</source>
        <translation>重命名已存搜索</translation>
    </message>
    <message>
        <source>Renamed “{0}” to “{1}”</source>
        <translation>已将“{0}”重命名为“{1}”</translation>
    </message>
    <message>
        <source>A saved search named “{0}” exists already</source>
        <translation>已有名为“{0}”的已存搜索</translation>
    </message>
    <message>
        <source>Deleted the saved search “{0}”</source>
        <translation>已删除已存搜索“{0}”</translation>
    </message>
</context>
<context>
    <name>SearchController</name>
    <message>
        <source>Search failed: {0}</source>
        <translation>搜索失败：{0}</translation>
    </message>
</context>
<context>
    <name>SearchField</name>
    <message>
        <source>Search articles (Ctrl+F or /)</source>
        <translation>搜索文章（Ctrl+F 或 /）</translation>
    </message>
    <message>
        <source>Search articles</source>
        <translation>搜索文章</translation>
    </message>
    <message>
        <source>Words to find in titles and text; Enter or Down goes to the results, Escape clears the search.</source>
        <translation>要在标题和正文中查找的词；按 Enter 或下箭头转到结果，按 Esc 清除搜索。</translation>
    </message>
    <message>
        <source>Words must all match; &quot;a phrase&quot; in quotes; -word leaves a word out; a OR b.
category:X or 分类:X, tag:X or 标签:X (the label in any case, Simplified or Traditional),
title:word or 标题:word, date:2022-01 or 日期:2022-01..2022-03.</source>
        <translation>所有词都须出现；&quot;短语&quot;加引号；-词 排除该词；a OR b 任一。
分类:X 或 category:X，标签:X 或 tag:X（不分大小写，简体繁体皆可），
标题:词 或 title:词，日期:2022-01 或 date:2022-01..2022-03。</translation>
    </message>
</context>
<context>
    <name>TreeMenu</name>
    <message>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Note…</source>
        <translation>笔记…</translation>
    </message>
    <message>
        <source>Remove Highlight</source>
        <translation>移除高亮</translation>
    </message>
</context>
</TS>
