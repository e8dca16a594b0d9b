<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_TW" sourcelanguage="en">
<context>
    <name>Actions</name>
    <message>
        <source>&amp;File</source>
        <translation>檔案(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>檢視(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>編輯(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>前往(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Article</source>
        <translation>文章(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>說明(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Open Library Folder…</source>
        <translation>開啟文庫資料夾(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Add Library…</source>
        <translation>加入文庫(&amp;A)…</translation>
    </message>
    <message>
        <source>Show another library folder in this window, beside the open ones</source>
        <translation>在此視窗中再顯示一個文庫資料夾，與已開啟的並列</translation>
    </message>
    <message>
        <source>Re&amp;move Library</source>
        <translation>移除文庫(&amp;M)</translation>
    </message>
    <message>
        <source>Take the shown library out of this window; its folder and index stay</source>
        <translation>從此視窗中移除目前的文庫；其資料夾與索引保持不變</translation>
    </message>
    <message>
        <source>&amp;Reload</source>
        <translation>重新整理(&amp;R)</translation>
    </message>
    <message>
        <source>Look for new and changed files now</source>
        <translation>立即尋找新增和修改的檔案</translation>
    </message>
    <message>
        <source>&amp;Export Reading Data…</source>
        <translation>匯出閱讀資料(&amp;E)…</translation>
    </message>
    <message>
        <source>Read and starred marks, reading positions, saved searches and highlights of every library, as one file</source>
        <translation>所有資料庫的已讀、星號標記、閱讀位置、已存搜尋和螢光標記，存為一個檔案</translation>
    </message>
    <message>
        <source>&amp;Import Reading Data…</source>
        <translation>匯入閱讀資料(&amp;I)…</translation>
    </message>
    <message>
        <source>Merge an exported file: the newer change of each mark wins</source>
        <translation>合併匯出的檔案：每個標記以較新的修改為準</translation>
    </message>
    <message>
        <source>Export &amp;Highlights…</source>
        <translation>匯出螢光標記(&amp;H)…</translation>
    </message>
    <message>
        <source>Every highlight and note of this library as Markdown, by article</source>
        <translation>此文庫的全部螢光標記和筆記，依文章匯出為 Markdown</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>結束(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>偏好設定(&amp;P)…</translation>
    </message>
    <message>
        <source>Fonts, text width, line height, theme, language</source>
        <translation>字型、內文寬度、行高、主題、語言</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>搜尋(&amp;S)</translation>
    </message>
    <message>
        <source>Put the cursor in the search field</source>
        <translation>將游標移到搜尋欄</translation>
    </message>
    <message>
        <source>&amp;Clear Search</source>
        <translation>清除搜尋(&amp;C)</translation>
    </message>
    <message>
        <source>Clear the search and return to the list</source>
        <translation>清除搜尋並返回清單</translation>
    </message>
    <message>
        <source>Sa&amp;ve Search…</source>
        <translation>儲存搜尋(&amp;V)…</translation>
    </message>
    <message>
        <source>Keep the search and the tree&apos;s selection under a name, in the tree</source>
        <translation>把搜尋和側欄中的選擇以一個名稱儲存到側欄</translation>
    </message>
    <message>
        <source>Re&amp;name Saved Search…</source>
        <translation>重新命名已存搜尋(&amp;N)…</translation>
    </message>
    <message>
        <source>De&amp;lete Saved Search</source>
        <translation>刪除已存搜尋(&amp;L)</translation>
    </message>
    <message>
        <source>Next &amp;Pane</source>
        <translation>下一個窗格(&amp;P)</translation>
    </message>
    <message>
        <source>Tree, list, article in turn</source>
        <translation>依序切換樹狀目錄、清單和文章</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>縮小(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Actual Size</source>
        <translation>實際大小(&amp;A)</translation>
    </message>
    <message>
        <source>The article&apos;s text back to its usual size</source>
        <translation>文章文字恢復為預設大小</translation>
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
        <translation>下一篇未讀文章(&amp;U)</translation>
    </message>
    <message>
        <source>Page &amp;Down</source>
        <translation>向下捲頁(&amp;D)</translation>
    </message>
    <message>
        <source>Page the article, then go to the next one</source>
        <translation>文章向下捲頁，到底後前往下一篇</translation>
    </message>
    <message>
        <source>Page U&amp;p</source>
        <translation>向上捲頁(&amp;P)</translation>
    </message>
    <message>
        <source>Page the article back, then go to the previous one</source>
        <translation>文章向上捲頁，到頂後前往上一篇</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>上一頁(&amp;B)</translation>
    </message>
    <message>
        <source>The article seen before</source>
        <translation>之前看過的文章</translation>
    </message>
    <message>
        <source>&amp;Forward</source>
        <translation>下一頁(&amp;F)</translation>
    </message>
    <message>
        <source>Next &amp;Match</source>
        <translation>下一個相符項目(&amp;M)</translation>
    </message>
    <message>
        <source>Next search term in the article</source>
        <translation>文章中下一個搜尋詞</translation>
    </message>
    <message>
        <source>Previous M&amp;atch</source>
        <translation>上一個相符項目(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Star</source>
        <translation>加上星號(&amp;S)</translation>
    </message>
    <message>
        <source>Toggle &amp;Read</source>
        <translation>切換已讀(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Open Original</source>
        <translation>開啟原文(&amp;O)</translation>
    </message>
    <message>
        <source>Open the original in the browser</source>
        <translation>在瀏覽器中開啟原文</translation>
    </message>
    <message>
        <source>Copy &amp;Link</source>
        <translation>複製連結(&amp;L)</translation>
    </message>
    <message>
        <source>The article&apos;s address on its site, or its file</source>
        <translation>文章在其網站上的位址，或其檔案</translation>
    </message>
    <message>
        <source>Copy as Mar&amp;kdown</source>
        <translation>複製為 Markdown(&amp;K)</translation>
    </message>
    <message>
        <source>[title](link), to paste into notes</source>
        <translation>[標題](連結)，便於貼進筆記</translation>
    </message>
    <message>
        <source>Copy Selection as Markdo&amp;wn</source>
        <translation>將所選內容複製為 Markdown(&amp;W)</translation>
    </message>
    <message>
        <source>The selected text with its links, bold and lists as Markdown</source>
        <translation>所選文字連同連結、粗體和清單，以 Markdown 格式</translation>
    </message>
    <message>
        <source>Highl&amp;ight</source>
        <translation>螢光標記(&amp;I)</translation>
    </message>
    <message>
        <source>Highlight the text selected in the article</source>
        <translation>為文章中選取的文字加上螢光標記</translation>
    </message>
    <message>
        <source>Add No&amp;te…</source>
        <translation>新增筆記(&amp;T)…</translation>
    </message>
    <message>
        <source>A note on the highlight at the cursor, or the selection highlighted with a note</source>
        <translation>為游標處的螢光標記寫筆記，或標記選取的文字並寫筆記</translation>
    </message>
    <message>
        <source>Re&amp;move Highlight</source>
        <translation>移除螢光標記(&amp;M)</translation>
    </message>
    <message>
        <source>Remove the highlight at the cursor</source>
        <translation>移除游標處的螢光標記</translation>
    </message>
    <message>
        <source>Export Article&apos;s Hi&amp;ghlights…</source>
        <translation>匯出本文螢光標記(&amp;G)…</translation>
    </message>
    <message>
        <source>This article&apos;s highlights and notes as Markdown</source>
        <translation>本文的螢光標記和筆記，匯出為 Markdown</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>列印(&amp;P)…</translation>
    </message>
    <message>
        <source>Export as P&amp;DF…</source>
        <translation>匯出為 PDF(&amp;D)…</translation>
    </message>
    <message>
        <source>Export as &amp;HTML…</source>
        <translation>匯出為 HTML(&amp;H)…</translation>
    </message>
    <message>
        <source>One file with its images inside, no script</source>
        <translation>單一檔案，圖片內嵌，不含指令碼</translation>
    </message>
    <message>
        <source>Export as Markdow&amp;n…</source>
        <translation>匯出為 Markdown(&amp;N)…</translation>
    </message>
    <message>
        <source>The post&apos;s file as written: front matter and body</source>
        <translation>文章檔案原樣：前置中繼資料和內文</translation>
    </message>
    <message>
        <source>Mark &amp;Selection Read</source>
        <translation>將所選項目標為已讀(&amp;S)</translation>
    </message>
    <message>
        <source>Mark &amp;All Read</source>
        <translation>全部標為已讀(&amp;A)</translation>
    </message>
    <message>
        <source>Mark every article in the list read</source>
        <translation>將清單中的所有文章標為已讀</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>鍵盤快速鍵(&amp;K)</translation>
    </message>
    <message>
        <source>Open &amp;Log Folder</source>
        <translation>開啟記錄檔資料夾(&amp;L)</translation>
    </message>
    <message>
        <source>Where the reader writes what went wrong</source>
        <translation>閱讀器記錄錯誤資訊的位置</translation>
    </message>
    <message>
        <source>&amp;About Jianbao Reader</source>
        <translation>關於剪報閱讀器(&amp;A)</translation>
    </message>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>鍵盤快速鍵</translation>
    </message>
    <message>
        <source>Single-letter keys work when the list or the article has the focus.</source>
        <translation>單字母快速鍵在焦點位於清單或文章時可用。</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Jianbao Reader</source>
        <translation>剪報閱讀器</translation>
    </message>
</context>
<context>
    <name>ArticleActions</name>
    <message>
        <source>Open an article first</source>
        <translation>請先開啟一篇文章</translation>
    </message>
    <message>
        <source>Copied {0}</source>
        <translation>已複製 {0}</translation>
    </message>
    <message>
        <source>Select some text of the article first</source>
        <translation>請先在文章中選取文字</translation>
    </message>
    <message>
        <source>Copied the selection as Markdown</source>
        <translation>已將所選內容複製為 Markdown</translation>
    </message>
    <message>
        <source>Exporting to {0}…</source>
        <translation>正在匯出到 {0}…</translation>
    </message>
    <message>
        <source>Exported to {0}</source>
        <translation>已匯出到 {0}</translation>
    </message>
    <message>
        <source>Could not export to {0}: {1}</source>
        <translation>無法匯出到 {0}：{1}</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Web page (*.html *.htm)</source>
        <translation>網頁 (*.html *.htm)</translation>
    </message>
    <message>
        <source>Markdown (*.md *.markdown)</source>
        <translation>Markdown (*.md *.markdown)</translation>
    </message>
    <message>
        <source>Export Article</source>
        <translation>匯出文章</translation>
    </message>
    <message>
        <source>Preparing to print…</source>
        <translation>正在準備列印…</translation>
    </message>
    <message>
        <source>Cannot print: {0}</source>
        <translation>無法列印：{0}</translation>
    </message>
    <message>
        <source>Print Preview: {0}</source>
        <translation>列印預覽：{0}</translation>
    </message>
</context>
<context>
    <name>ArticleListModel</name>
    <message>
        <source>Title</source>
        <translation>標題</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>分類</translation>
    </message>
    <message>
        <source>Snippet</source>
        <translation>摘要</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>文庫</translation>
    </message>
    <message>
        <source>(no longer in the index)</source>
        <translation>（已不在索引中）</translation>
    </message>
    <message>
        <source>read</source>
        <translation>已讀</translation>
    </message>
    <message>
        <source>unread</source>
        <translation>未讀</translation>
    </message>
    <message>
        <source>starred</source>
        <translation>已加星號</translation>
    </message>
    <message>
        <source>draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>problem: %1</source>
        <translation>問題：%1</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>Problem: %1</source>
        <translation>問題：%1</translation>
    </message>
    <message>
        <source>Found in the title: the full text is not indexed yet</source>
        <translation>在標題中找到：全文尚未建立索引</translation>
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
        <translation>要閱讀的文章；按 Enter 或按一下開啟，J 和 K 上下移動</translation>
    </message>
</context>
<context>
    <name>ArticlePage</name>
    <message>
        <source>(untitled)</source>
        <translation>（無標題）</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>Source:</source>
        <translation>來源：</translation>
    </message>
    <message>
        <source>This article is very long: only its beginning is shown.</source>
        <translation>這篇文章很長，只顯示了開頭部分。</translation>
    </message>
    <message>
        <source>Show the whole article</source>
        <translation>顯示全文</translation>
    </message>
    <message>
        <source>Problem reading this file:</source>
        <translation>讀取此檔案時發生問題：</translation>
    </message>
    <message>
        <source>This post has no text.</source>
        <translation>這篇文章沒有正文。</translation>
    </message>
    <message>
        <source> From {first} to {last}.</source>
        <translation>時間範圍：{first}至{last}。</translation>
    </message>
    <message>
        <source>Top categories</source>
        <translation>主要分類</translation>
    </message>
    <message>
        <source>Keys worth knowing</source>
        <translation>常用快速鍵</translation>
    </message>
    <message>
        <source>No articles yet: the library is being read.</source>
        <translation>還沒有文章：正在讀取文庫。</translation>
    </message>
    <message numerus="yes">
        <source>%Ln article(s), {unread} unread, {starred} starred.</source>
        <translation>
            <numerusform>共 %Ln 篇文章，{unread} 篇未讀，{starred} 篇已加星號。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln highlight(s) of this article no longer match its text (detached): kept, and listed under Highlights.</source>
        <translation>
            <numerusform>本文有 %Ln 處螢光標記已與內文對不上（已脫離）：它們仍被保留，列在「螢光標記」下。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ArticleView</name>
    <message>
        <source>blocked: {0}</source>
        <translation>已封鎖：{0}</translation>
    </message>
    <message>
        <source>blocked: data: image</source>
        <translation>已封鎖：data: 圖片</translation>
    </message>
    <message>
        <source>image missing: {0}</source>
        <translation>圖片遺失：{0}</translation>
    </message>
    <message>
        <source>image unreadable: {0}</source>
        <translation>圖片無法讀取：{0}</translation>
    </message>
    <message>
        <source>image</source>
        <translation>圖片</translation>
    </message>
    <message>
        <source>{0} (not loaded)</source>
        <translation>{0}（未載入）</translation>
    </message>
    <message>
        <source>Link not followed: {0}</source>
        <translation>未開啟連結：{0}</translation>
    </message>
    <message>
        <source>Could not follow the link {0}</source>
        <translation>無法開啟連結 {0}</translation>
    </message>
    <message>
        <source>Link refused (only http, https and mailto open outside): {0}</source>
        <translation>已拒絕連結（只有 http、https 和 mailto 會在外部開啟）：{0}</translation>
    </message>
    <message>
        <source>The link leads to nothing in this library: {0}</source>
        <translation>此連結在本文庫中沒有對應內容：{0}</translation>
    </message>
    <message>
        <source>Link refused: {0}</source>
        <translation>已拒絕連結：{0}</translation>
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
        <translation>隱藏此訊息</translation>
    </message>
</context>
<context>
    <name>Browsing</name>
    <message>
        <source>Could not read the index: {0}</source>
        <translation>無法讀取索引：{0}</translation>
    </message>
    <message>
        <source>No results for “{0}”</source>
        <translation>找不到「{0}」</translation>
    </message>
    <message>
        <source>{0:,}+ results for “{1}”</source>
        <translation>「{1}」的結果超過 {0:,} 筆</translation>
    </message>
    <message numerus="yes">
        <source>%Ln result(s) for “{0}”</source>
        <translation>
            <numerusform>「{0}」共 %Ln 筆結果</numerusform>
        </translation>
    </message>
    <message>
        <source>. The full text of {0:,} of {1:,} posts is indexed so far; the others are searched by title</source>
        <translation>。目前 {1:,} 篇文章中已有 {0:,} 篇的全文建立索引，其餘只依標題搜尋</translation>
    </message>
</context>
<context>
    <name>CoreMessage</name>
    <message>
        <source>Note</source>
        <translation>備註</translation>
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
        <translation>資訊</translation>
    </message>
    <message>
        <source>Todo</source>
        <translation>待辦</translation>
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
        <translation>問題</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>說明</translation>
    </message>
    <message>
        <source>Faq</source>
        <translation>常見問題</translation>
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
        <translation>失敗</translation>
    </message>
    <message>
        <source>Fail</source>
        <translation>失敗</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>缺少</translation>
    </message>
    <message>
        <source>Danger</source>
        <translation>危險</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>錯誤</translation>
    </message>
    <message>
        <source>Bug</source>
        <translation>錯誤</translation>
    </message>
    <message>
        <source>Example</source>
        <translation>範例</translation>
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
        <translation>此處不能有鍵值對（多了一個冒號？）</translation>
    </message>
    <message>
        <source>block sequence entries are not allowed in this context</source>
        <translation>此處不能有清單項目</translation>
    </message>
    <message>
        <source>found a tab character that violates indentation</source>
        <translation>定位字元破壞了縮排</translation>
    </message>
    <message>
        <source>found character that cannot start any token</source>
        <translation>此處的字元不能作為開頭</translation>
    </message>
    <message>
        <source>found undefined alias</source>
        <translation>未定義的別名</translation>
    </message>
    <message>
        <source>found unknown escape character</source>
        <translation>未知的跳脫字元</translation>
    </message>
    <message>
        <source>control characters are not allowed</source>
        <translation>不能有控制字元</translation>
    </message>
    <message>
        <source>found unhashable key</source>
        <translation>鍵不能是清單或對映</translation>
    </message>
    <message>
        <source>mapping values are not allowed here</source>
        <translation>此處不能有鍵值對（多了一個冒號？）</translation>
    </message>
    <message>
        <source>mapping keys are not allowed here</source>
        <translation>此處不能有鍵</translation>
    </message>
    <message>
        <source>block sequence entries are not allowed here</source>
        <translation>此處不能有清單項目</translation>
    </message>
    <message>
        <source>could not find expected &apos;:&apos;</source>
        <translation>找不到應有的「:」</translation>
    </message>
    <message>
        <source>found unexpected end of stream</source>
        <translation>內容意外結束</translation>
    </message>
    <message>
        <source>found duplicate key</source>
        <translation>鍵重複</translation>
    </message>
    <message>
        <source>a quoted scalar</source>
        <translation>引號括起的值</translation>
    </message>
    <message>
        <source>a double-quoted scalar</source>
        <translation>雙引號括起的值</translation>
    </message>
    <message>
        <source>a single-quoted scalar</source>
        <translation>單引號括起的值</translation>
    </message>
    <message>
        <source>a flow mapping</source>
        <translation>大括號括起的對映</translation>
    </message>
    <message>
        <source>a flow sequence</source>
        <translation>方括號括起的清單</translation>
    </message>
    <message>
        <source>a block mapping</source>
        <translation>縮排的對映</translation>
    </message>
    <message>
        <source>a block collection</source>
        <translation>縮排的清單或對映</translation>
    </message>
    <message>
        <source>a block scalar</source>
        <translation>多行文字值</translation>
    </message>
    <message>
        <source>a simple key</source>
        <translation>鍵</translation>
    </message>
    <message>
        <source>a value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Expecting value</source>
        <translation>此處應有一個值</translation>
    </message>
    <message>
        <source>Expecting property name enclosed in double quotes</source>
        <translation>此處應有雙引號括起的鍵名</translation>
    </message>
    <message>
        <source>Expecting &apos;,&apos; delimiter</source>
        <translation>此處應有分隔符號「,」</translation>
    </message>
    <message>
        <source>Expecting &apos;:&apos; delimiter</source>
        <translation>此處應有分隔符號「:」</translation>
    </message>
    <message>
        <source>Extra data</source>
        <translation>結尾後還有多餘內容</translation>
    </message>
    <message>
        <source>Unterminated string starting at</source>
        <translation>字串沒有結束</translation>
    </message>
    <message>
        <source>Invalid control character at</source>
        <translation>字串中有無效的控制字元</translation>
    </message>
    <message>
        <source>Invalid value</source>
        <translation>無效的值</translation>
    </message>
    <message>
        <source>Invalid statement</source>
        <translation>無效的陳述式</translation>
    </message>
    <message>
        <source>Expected &apos;=&apos; after a key in a key/value pair</source>
        <translation>鍵後面應有「=」</translation>
    </message>
    <message>
        <source>Unclosed array</source>
        <translation>陣列沒有結束</translation>
    </message>
    <message>
        <source>Unclosed inline table</source>
        <translation>行內表格沒有結束</translation>
    </message>
    <message>
        <source>Unterminated string</source>
        <translation>字串沒有結束</translation>
    </message>
    <message>
        <source>Cannot overwrite a value</source>
        <translation>不能覆寫已有的值</translation>
    </message>
    <message>
        <source>Invalid date or datetime</source>
        <translation>無效的日期或時間</translation>
    </message>
    <message>
        <source>front matter is a list, not keys with values</source>
        <translation>前置中繼資料是一個清單，而不是鍵和值</translation>
    </message>
    <message>
        <source>front matter is a single value, not keys with values</source>
        <translation>前置中繼資料是單一值，而不是鍵和值</translation>
    </message>
    <message>
        <source>day is out of range for month</source>
        <translation>日期超出了該月的天數</translation>
    </message>
    <message>
        <source>month must be in 1..12</source>
        <translation>月份必須在 1 到 12 之間</translation>
    </message>
    <message>
        <source>a YAML alias inside its own anchor</source>
        <translation>YAML 別名位於自己的錨點之內</translation>
    </message>
    <message>
        <source>binary file, not text</source>
        <translation>二進位檔案，不是文字</translation>
    </message>
    <message>
        <source>binary file, not text (no known encoding fits)</source>
        <translation>二進位檔案，不是文字（沒有相符的已知編碼）</translation>
    </message>
    <message>
        <source>Permission denied</source>
        <translation>沒有權限</translation>
    </message>
    <message>
        <source>No such file or directory</source>
        <translation>檔案或資料夾不存在</translation>
    </message>
    <message>
        <source>Is a directory</source>
        <translation>這是一個資料夾</translation>
    </message>
    <message>
        <source>Input/output error</source>
        <translation>輸入/輸出錯誤</translation>
    </message>
    <message>
        <source>Too many levels of symbolic links</source>
        <translation>符號連結層數過多</translation>
    </message>
    <message>
        <source>File name too long</source>
        <translation>檔名過長</translation>
    </message>
    <message>
        <source>symbolic link pointing outside the library</source>
        <translation>指向文庫之外的符號連結</translation>
    </message>
    <message>
        <source>file name is not valid UTF-8</source>
        <translation>檔名不是有效的 UTF-8</translation>
    </message>
    <message>
        <source>folder name is not valid UTF-8 (nothing in it is read)</source>
        <translation>資料夾名稱不是有效的 UTF-8（其中的內容都不讀取）</translation>
    </message>
    <message>
        <source>permission denied</source>
        <translation>沒有權限</translation>
    </message>
    <message>
        <source>symbolic link loop</source>
        <translation>符號連結循環</translation>
    </message>
    <message>
        <source>broken symbolic link</source>
        <translation>失效的符號連結</translation>
    </message>
    <message>
        <source>outside the library</source>
        <translation>在文庫之外</translation>
    </message>
    <message>
        <source>was replaced by a symbolic link</source>
        <translation>已被替換為符號連結</translation>
    </message>
    <message>
        <source>the library</source>
        <translation>文庫</translation>
    </message>
    <message>
        <source>FIFO</source>
        <translation>具名管道</translation>
    </message>
    <message>
        <source>socket</source>
        <translation>通訊端</translation>
    </message>
    <message>
        <source>character device</source>
        <translation>字元裝置</translation>
    </message>
    <message>
        <source>block device</source>
        <translation>區塊裝置</translation>
    </message>
    <message>
        <source>folder</source>
        <translation>資料夾</translation>
    </message>
    <message>
        <source>symbolic link</source>
        <translation>符號連結</translation>
    </message>
    <message>
        <source>the index was damaged and has been rebuilt</source>
        <translation>索引已損壞，已重新建立</translation>
    </message>
    <message>
        <source>the index was deleted while the program ran and has been rebuilt</source>
        <translation>索引在程式執行時被刪除，已重新建立</translation>
    </message>
    <message>
        <source>the index was corrupt and has been rebuilt</source>
        <translation>索引已損壞，已重新建立</translation>
    </message>
    <message>
        <source>database is locked</source>
        <translation>資料庫被鎖定</translation>
    </message>
    <message>
        <source>disk I/O error</source>
        <translation>磁碟讀寫錯誤</translation>
    </message>
    <message>
        <source>unable to open database file</source>
        <translation>無法開啟資料庫檔案</translation>
    </message>
    <message>
        <source>attempt to write a readonly database</source>
        <translation>資料庫是唯讀的，無法寫入</translation>
    </message>
    <message>
        <source>database or disk is full</source>
        <translation>資料庫或磁碟已滿</translation>
    </message>
    <message>
        <source>No space left on device</source>
        <translation>磁碟空間不足</translation>
    </message>
    <message>
        <source>Read-only file system</source>
        <translation>唯讀檔案系統</translation>
    </message>
    <message>
        <source>Not a directory</source>
        <translation>不是資料夾</translation>
    </message>
    <message>
        <source>read-only file system</source>
        <translation>唯讀檔案系統</translation>
    </message>
    <message>
        <source>the disk is full</source>
        <translation>磁碟已滿</translation>
    </message>
    <message>
        <source>no permission to write</source>
        <translation>沒有寫入權限</translation>
    </message>
    <message>
        <source>no such post in the index</source>
        <translation>索引中沒有這篇文章</translation>
    </message>
    <message>
        <source>the file is no longer there (moved or deleted)</source>
        <translation>檔案已不在原處（被移動或刪除）</translation>
    </message>
    <message>
        <source>nothing is selected</source>
        <translation>沒有選取任何內容</translation>
    </message>
    <message>
        <source>Type a word or phrase to search for.</source>
        <translation>請輸入要搜尋的字詞或片語。</translation>
    </message>
    <message>
        <source>A “-” must be followed by what to leave out, as in -word.</source>
        <translation>「-」後面要接要排除的字詞，例如 -字詞。</translation>
    </message>
    <message>
        <source>A quotation mark is not closed: add the closing &quot;.</source>
        <translation>引號沒有閉合：請補上結尾的 &quot;。</translation>
    </message>
    <message>
        <source>“OR” needs something to search for on each side, as in 新能源 OR 电池.</source>
        <translation>「OR」兩邊都要有搜尋的內容，例如 新能源 OR 電池。</translation>
    </message>
    <message>
        <source>Add a word to search for: “-” only leaves words out.</source>
        <translation>請加上要搜尋的字詞：「-」只用於排除字詞。</translation>
    </message>
    <message>
        <source>use date:2022, date:2022-01, date:2021-12-08 or a range like date:2022-01..2022-03</source>
        <translation>請用 date:2022、date:2022-01、date:2021-12-08，或 date:2022-01..2022-03 這樣的範圍</translation>
    </message>
    <message>
        <source>video</source>
        <translation>影片</translation>
    </message>
    <message>
        <source>audio</source>
        <translation>音訊</translation>
    </message>
    <message>
        <source>embed</source>
        <translation>嵌入內容</translation>
    </message>
    <message>
        <source>front matter, line %1: %2</source>
        <translation>前置中繼資料第 %1 行：%2</translation>
    </message>
    <message>
        <source>front matter, %1</source>
        <translation>前置中繼資料：%1</translation>
    </message>
    <message>
        <source>%1 &apos;%2&apos; is not a date</source>
        <translation>%1 的值「%2」不是日期</translation>
    </message>
    <message>
        <source>could not read: %1</source>
        <translation>無法讀取：%1</translation>
    </message>
    <message>
        <source>cannot be read: %1</source>
        <translation>無法讀取：%1</translation>
    </message>
    <message>
        <source>not valid %1 after its byte-order mark</source>
        <translation>位元組順序標記（BOM）之後不是有效的 %1</translation>
    </message>
    <message>
        <source>no closing &apos;%1&apos; line after this opening one</source>
        <translation>開頭的「%1」行之後沒有結尾的那一行</translation>
    </message>
    <message>
        <source>too complex to read (%1)</source>
        <translation>過於複雜，無法讀取（%1）</translation>
    </message>
    <message>
        <source>over %1 s of CPU</source>
        <translation>CPU 時間超過 %1 秒</translation>
    </message>
    <message>
        <source>over %1 MB of memory</source>
        <translation>記憶體超過 %1 MB</translation>
    </message>
    <message>
        <source>YAML aliases expand to over %1 values</source>
        <translation>YAML 別名展開後超過 %1 個值</translation>
    </message>
    <message>
        <source>%1: searched by its source text</source>
        <translation>%1：依原始文字搜尋</translation>
    </message>
    <message>
        <source>%1 that never ends</source>
        <translation>%1沒有結束</translation>
    </message>
    <message>
        <source>found character %1 that cannot start any token</source>
        <translation>字元 %1 不能出現在這裡</translation>
    </message>
    <message>
        <source>found undefined alias %1</source>
        <translation>未定義的別名 %1</translation>
    </message>
    <message>
        <source>found unknown escape character %1</source>
        <translation>未知的跳脫字元 %1</translation>
    </message>
    <message>
        <source>found undefined tag handle %1</source>
        <translation>未定義的標籤前綴 %1</translation>
    </message>
    <message>
        <source>could not determine a constructor for the tag %1</source>
        <translation>不認識的標籤 %1</translation>
    </message>
    <message>
        <source>did not find expected %1</source>
        <translation>此處應有 %1</translation>
    </message>
    <message>
        <source>expected %1, but found %2</source>
        <translation>此處應為 %1，卻是 %2</translation>
    </message>
    <message>
        <source>Cannot declare %1 twice</source>
        <translation>%1 不能宣告兩次</translation>
    </message>
    <message>
        <source>Illegal character %1</source>
        <translation>非法字元 %1</translation>
    </message>
    <message>
        <source>not a regular file (%1)</source>
        <translation>不是一般檔案（%1）</translation>
    </message>
    <message>
        <source>folder cannot be read: %1</source>
        <translation>無法讀取資料夾：%1</translation>
    </message>
    <message>
        <source>symbolic link to a folder read already (%1)</source>
        <translation>指向已讀取資料夾的符號連結（%1）</translation>
    </message>
    <message>
        <source>folder whose name ends in %1 (not a post; the files in it are read)</source>
        <translation>名稱以 %1 結尾的資料夾（不是文章；其中的檔案會讀取）</translation>
    </message>
    <message>
        <source>no post found (a drive not mounted?): the index keeps its %1 posts until a refresh finds some</source>
        <translation>沒有找到文章（磁碟未掛載？）：索引保留其 %1 篇文章，直到重新整理時再找到文章</translation>
    </message>
    <message>
        <source>the index was made by a newer version of the program (schema %1, this one knows %2): it is left for that version, and this one keeps its own (%3)</source>
        <translation>索引由較新版本的程式建立（結構版本 %1，本程式支援 %2）：保留給該版本使用，本程式另用自己的索引（%3）</translation>
    </message>
    <message>
        <source>Cannot create the index folder %1: %2</source>
        <translation>無法建立索引資料夾 %1：%2</translation>
    </message>
    <message>
        <source>Cannot replace the damaged index %1: %2</source>
        <translation>無法取代已損壞的索引 %1：%2</translation>
    </message>
    <message>
        <source>Cannot open the index %1: %2</source>
        <translation>無法開啟索引 %1：%2</translation>
    </message>
    <message>
        <source>Cannot open the reading state %1: %2</source>
        <translation>無法開啟閱讀狀態 %1：%2</translation>
    </message>
    <message>
        <source>Cannot create the data folder %1: %2</source>
        <translation>無法建立資料資料夾 %1：%2</translation>
    </message>
    <message>
        <source>Cannot write the full-text index %1: %2</source>
        <translation>無法寫入全文索引 %1：%2</translation>
    </message>
    <message>
        <source>Cannot remove the old full-text index %1: %2</source>
        <translation>無法刪除舊的全文索引 %1：%2</translation>
    </message>
    <message>
        <source>the index folder %1 cannot be used (%2); until it can, the index is kept in %3</source>
        <translation>索引資料夾 %1 無法使用（%2）；在恢復之前，索引暫存於 %3</translation>
    </message>
    <message>
        <source>Cannot make the full-text index: %1</source>
        <translation>無法建立全文索引：%1</translation>
    </message>
    <message>
        <source>Cannot write to the index: %1</source>
        <translation>無法寫入索引：%1</translation>
    </message>
    <message>
        <source>The index could not be used: %1</source>
        <translation>無法使用索引：%1</translation>
    </message>
    <message>
        <source>%1%2</source>
        <translation>%1%2</translation>
    </message>
    <message>
        <source>%1: cannot be written (%2)</source>
        <translation>%1：無法寫入（%2）</translation>
    </message>
    <message>
        <source>%1: not a JSON file (%2)</source>
        <translation>%1：不是 JSON 檔案（%2）</translation>
    </message>
    <message>
        <source>%1: not a Jianbao reading-data file</source>
        <translation>%1：不是剪報閱讀器的閱讀資料檔案</translation>
    </message>
    <message>
        <source>%1: no such folder</source>
        <translation>%1：資料夾不存在</translation>
    </message>
    <message>
        <source>%1: not a folder</source>
        <translation>%1：不是資料夾</translation>
    </message>
    <message>
        <source>%1: cannot be read (%2)</source>
        <translation>%1：無法讀取（%2）</translation>
    </message>
    <message>
        <source>is too large to show (%1 bytes)</source>
        <translation>太大，無法顯示（%1 位元組）</translation>
    </message>
    <message>
        <source>a highlight holds at most %1 characters</source>
        <translation>一處螢光標記最多 %1 個字元</translation>
    </message>
    <message>
        <source>“date:%1” is not a date I understand: %2.</source>
        <translation>無法識別「date:%1」中的日期：%2。</translation>
    </message>
    <message>
        <source>“date:%1” is not a real date: %2.</source>
        <translation>「date:%1」不是真實存在的日期：%2。</translation>
    </message>
    <message>
        <source>“date:%1” ends before it starts.</source>
        <translation>「date:%1」的結束早於開始。</translation>
    </message>
    <message>
        <source>“%1:” needs a value, as in %2.</source>
        <translation>「%1:」後面需要一個值，例如 %2。</translation>
    </message>
    <message>
        <source>This search could not be run (%1).</source>
        <translation>無法執行此搜尋（%1）。</translation>
    </message>
    <message>
        <source>Embedded: %1</source>
        <translation>嵌入：%1</translation>
    </message>
    <message>
        <source>YouTube video %1</source>
        <translation>YouTube 影片 %1</translation>
    </message>
    <message>
        <source>Vimeo video %1</source>
        <translation>Vimeo 影片 %1</translation>
    </message>
    <message>
        <source>Tweet %1</source>
        <translation>推文 %1</translation>
    </message>
    <message>
        <source>Gist %1</source>
        <translation>Gist 程式碼片段 %1</translation>
    </message>
    <message>
        <source>Instagram post %1</source>
        <translation>Instagram 貼文 %1</translation>
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
        <translation>剪報閱讀器發生問題</translation>
    </message>
    <message>
        <source>Details of the problem</source>
        <translation>問題詳細資料</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>複製詳細資料</translation>
    </message>
    <message>
        <source>Open log folder</source>
        <translation>開啟記錄檔資料夾</translation>
    </message>
    <message>
        <source>Something went wrong: {summary}

The reader may go on working. The details are also in the log file in {folder}.</source>
        <translation>發生錯誤：{summary}

閱讀器可能仍可繼續使用。詳細資料也記錄在 {folder} 中的記錄檔裡。</translation>
    </message>
</context>
<context>
    <name>Highlights</name>
    <message>
        <source>This article is no longer in the library</source>
        <translation>這篇文章已不在文庫中</translation>
    </message>
    <message>
        <source>Some highlights of this article no longer match its text: they are kept, marked detached</source>
        <translation>本文部分螢光標記已與內文對不上：它們仍被保留，標為已脫離</translation>
    </message>
    <message>
        <source>Select some text in the article first</source>
        <translation>請先在文章中選取一些文字</translation>
    </message>
    <message>
        <source>Highlighted; it is listed under Highlights</source>
        <translation>已加上螢光標記，列在「螢光標記」下</translation>
    </message>
    <message>
        <source>Select some text, or click in a highlight, first</source>
        <translation>請先選取一些文字，或點選一處螢光標記</translation>
    </message>
    <message>
        <source>Note saved</source>
        <translation>筆記已儲存</translation>
    </message>
    <message>
        <source>Click in a highlight first</source>
        <translation>請先點選一處螢光標記</translation>
    </message>
    <message>
        <source>Highlight removed</source>
        <translation>螢光標記已移除</translation>
    </message>
    <message>
        <source>Could not save the highlight: {0}</source>
        <translation>無法儲存螢光標記：{0}</translation>
    </message>
    <message>
        <source>This highlight is detached: its quote is no longer found in the article</source>
        <translation>此螢光標記已脫離：文章中已找不到它的原文</translation>
    </message>
    <message>
        <source>The article of this highlight is no longer in the library</source>
        <translation>此螢光標記所在的文章已不在文庫中</translation>
    </message>
    <message>
        <source>This article has no highlights</source>
        <translation>本文沒有螢光標記</translation>
    </message>
    <message>
        <source>Export Highlights</source>
        <translation>匯出螢光標記</translation>
    </message>
    <message>
        <source>Markdown (*.md)</source>
        <translation>Markdown 檔案 (*.md)</translation>
    </message>
    <message>
        <source>Highlights</source>
        <translation>螢光標記</translation>
    </message>
    <message>
        <source>detached: this quote is no longer found in the article</source>
        <translation>已脫離：文章中已找不到這段原文</translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln highlight(s) to {0}</source>
        <translation>
            <numerusform>已將 %Ln 處螢光標記匯出到 {0}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>IndexProgress</name>
    <message>
        <source>Scanning</source>
        <translation>正在掃描</translation>
    </message>
    <message>
        <source>Indexing</source>
        <translation>正在建立索引</translation>
    </message>
    <message>
        <source>Indexing text</source>
        <translation>正在為全文建立索引</translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <source>System Language</source>
        <translation>跟隨系統</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>語言(&amp;L)</translation>
    </message>
    <message>
        <source>The new language is used when Jianbao Reader starts again.</source>
        <translation>新的語言將在剪報閱讀器下次啟動時生效。</translation>
    </message>
</context>
<context>
    <name>LibraryTreeModel</name>
    <message>
        <source>Library</source>
        <translation>文庫</translation>
    </message>
    <message>
        <source>Saved Searches</source>
        <translation>已存搜尋</translation>
    </message>
    <message>
        <source>Highlights</source>
        <translation>螢光標記</translation>
    </message>
    <message>
        <source>Categories</source>
        <translation>分類</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>標籤</translation>
    </message>
    <message>
        <source>Archive</source>
        <translation>封存</translation>
    </message>
    <message>
        <source>All articles</source>
        <translation>所有文章</translation>
    </message>
    <message>
        <source>Unread</source>
        <translation>未讀</translation>
    </message>
    <message>
        <source>Starred</source>
        <translation>星號</translation>
    </message>
    <message>
        <source>Drafts</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>有問題</translation>
    </message>
    <message>
        <source>All libraries</source>
        <translation>全部文庫</translation>
    </message>
    <message>
        <source>detached</source>
        <translation>已脫離</translation>
    </message>
    <message>
        <source>{0}: {1} unread of {2} article(s) for “{3}”</source>
        <translation>{0}：「{3}」共 {2} 篇，{1} 篇未讀</translation>
    </message>
    <message>
        <source>Detached: no longer found in the article</source>
        <translation>已脫離：文章中已找不到</translation>
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
        <translation>顯示全文</translation>
    </message>
    <message>
        <source>Opens: {0}</source>
        <translation>開啟：{0}</translation>
    </message>
    <message>
        <source>category</source>
        <translation>分類</translation>
    </message>
    <message>
        <source>tag</source>
        <translation>標籤</translation>
    </message>
    <message>
        <source>Lists the articles in the {0} “{1}”</source>
        <translation>列出{0}「{1}」中的文章</translation>
    </message>
    <message>
        <source>Goes to a place in this article</source>
        <translation>跳到本文中的某處</translation>
    </message>
    <message>
        <source>Leads to nothing in this library: {0}</source>
        <translation>在本文庫中沒有對應內容：{0}</translation>
    </message>
    <message>
        <source>Will not be opened: {0}</source>
        <translation>不會開啟：{0}</translation>
    </message>
    <message>
        <source>Writes an email to: {0}</source>
        <translation>寫郵件給：{0}</translation>
    </message>
    <message>
        <source>Opens in browser: {0}</source>
        <translation>在瀏覽器中開啟：{0}</translation>
    </message>
</context>
<context>
    <name>Locate</name>
    <message>
        <source>An empty path was given; nothing was opened.</source>
        <translation>指定的路徑是空的，沒有開啟任何內容。</translation>
    </message>
    <message>
        <source>{0} is a relative path and the folder it is relative to is unknown.</source>
        <translation>{0} 是相對路徑，但不知道它相對於哪個資料夾。</translation>
    </message>
    <message>
        <source>{0} cannot be opened: its name is not valid UTF-8 (rename the file or folder).</source>
        <translation>無法開啟 {0}：它的名稱不是有效的 UTF-8（請重新命名該檔案或資料夾）。</translation>
    </message>
    <message>
        <source>There is no file or folder at {0}.</source>
        <translation>{0} 沒有檔案或資料夾。</translation>
    </message>
    <message>
        <source>{0} is not a post file. Jianbao Reader opens folders and {1} files.</source>
        <translation>{0} 不是文章檔案。剪報閱讀器可以開啟資料夾和 {1} 檔案。</translation>
    </message>
    <message>
        <source>{0} cannot be read: {1}.</source>
        <translation>無法讀取 {0}：{1}。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Search</source>
        <translation>搜尋</translation>
    </message>
    <message>
        <source>Filter tags</source>
        <translation>篩選標籤</translation>
    </message>
    <message>
        <source>Shows only the tags whose names hold this text</source>
        <translation>只顯示名稱包含此文字的標籤</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>文庫</translation>
    </message>
    <message>
        <source>Views, categories, tags and archive; the selection picks the articles listed</source>
        <translation>檢視、分類、標籤和封存；所選項目決定列出哪些文章</translation>
    </message>
    <message>
        <source>Filter by title</source>
        <translation>依標題篩選</translation>
    </message>
    <message>
        <source>Lists only the articles whose titles hold this text</source>
        <translation>只列出標題包含此文字的文章</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>搜尋結果</translation>
    </message>
    <message>
        <source>Article</source>
        <translation>文章</translation>
    </message>
    <message>
        <source>You are looking at the sample library that comes with Jianbao Reader.</source>
        <translation>目前顯示的是剪報閱讀器隨附的範例文庫。</translation>
    </message>
    <message>
        <source>Open your library folder…</source>
        <translation>開啟你的文庫資料夾…</translation>
    </message>
    <message>
        <source>No library is open.</source>
        <translation>沒有開啟任何文庫。</translation>
    </message>
    <message>
        <source>Open Library Folder</source>
        <translation>開啟文庫資料夾</translation>
    </message>
    <message>
        <source>Upgrading the index of {0}…</source>
        <translation>正在升級「{0}」的索引…</translation>
    </message>
    <message>
        <source>Cannot open this library</source>
        <translation>無法開啟此文庫</translation>
    </message>
    <message>
        <source>The index was rebuilt: {0}</source>
        <translation>索引已重建：{0}</translation>
    </message>
    <message>
        <source>Showing {0} on its own; its folder is not indexed.</source>
        <translation>單獨顯示 {0}；它所在的資料夾未建立索引。</translation>
    </message>
    <message>
        <source>Open Folder as Library</source>
        <translation>將資料夾作為文庫開啟</translation>
    </message>
    <message>
        <source>{0:,} new, {1:,} changed, {2:,} removed</source>
        <translation>新增 {0:,} 篇，修改 {1:,} 篇，移除 {2:,} 篇</translation>
    </message>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>鍵盤快速鍵</translation>
    </message>
    <message>
        <source>Jianbao Reader (剪报阅读器)</source>
        <translation>剪報閱讀器</translation>
    </message>
    <message>
        <source>An offline reader for folders of article posts.</source>
        <translation>離線閱讀文章資料夾的閱讀器。</translation>
    </message>
    <message>
        <source>About {0}</source>
        <translation>關於{0}</translation>
    </message>
</context>
<context>
    <name>NoteDialog</name>
    <message>
        <source>Note</source>
        <translation>筆記</translation>
    </message>
    <message>
        <source>Your note on this passage</source>
        <translation>寫下你對這段文字的筆記</translation>
    </message>
</context>
<context>
    <name>OpenLibraries</name>
    <message>
        <source>Add Library</source>
        <translation>加入文庫</translation>
    </message>
    <message>
        <source>{0} was removed from the window; its folder is untouched</source>
        <translation>已從視窗中移除「{0}」；其資料夾未被更動</translation>
    </message>
    <message>
        <source>All libraries</source>
        <translation>全部文庫</translation>
    </message>
    <message>
        <source>Indexing: {0}</source>
        <translation>正在建立索引：{0}</translation>
    </message>
    <message>
        <source>Recent &amp;Libraries</source>
        <translation>最近的文庫(&amp;L)</translation>
    </message>
    <message>
        <source>(none yet)</source>
        <translation>（尚無）</translation>
    </message>
</context>
<context>
    <name>OpenPaths</name>
    <message>
        <source>the top of a disk</source>
        <translation>磁碟的根目錄</translation>
    </message>
    <message>
        <source>your home folder</source>
        <translation>你的家目錄</translation>
    </message>
    <message>
        <source>a folder that holds the home folders</source>
        <translation>存放各使用者家目錄的資料夾</translation>
    </message>
    <message>
        <source>a system folder</source>
        <translation>系統資料夾</translation>
    </message>
    <message>
        <source>Opened {name}; {more} more not opened (one at a time)</source>
        <translation>已開啟 {name}；另外 {more} 項未開啟（一次只能開啟一個）</translation>
    </message>
    <message>
        <source>Cannot open this</source>
        <translation>無法開啟</translation>
    </message>
    <message>
        <source>Cannot open these</source>
        <translation>無法開啟這些項目</translation>
    </message>
    <message>
        <source>Open this folder as a library?</source>
        <translation>要將此資料夾作為文庫開啟嗎？</translation>
    </message>
    <message>
        <source>{folder} is {reason}. Opening it as a library reads every post file in it and in all its folders, which can take very long.</source>
        <translation>{folder} 是{reason}。將它作為文庫開啟會讀取其中及所有子資料夾裡的每個文章檔案，可能需要很長時間。</translation>
    </message>
    <message>
        <source>Open Anyway</source>
        <translation>仍要開啟</translation>
    </message>
</context>
<context>
    <name>PostByPath</name>
    <message>
        <source>{0} is not in this library</source>
        <translation>{0} 不在此文庫中</translation>
    </message>
    <message>
        <source>{0} is not one of this library&apos;s posts; shown on its own</source>
        <translation>{0} 不是此文庫的文章，單獨顯示</translation>
    </message>
    <message>
        <source>This file cannot be shown</source>
        <translation>無法顯示此檔案</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Follow the System</source>
        <translation>跟隨系統</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>淺色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>Preferences</source>
        <translation>偏好設定</translation>
    </message>
    <message>
        <source> em</source>
        <translation> 字</translation>
    </message>
    <message>
        <source>&amp;Chinese font:</source>
        <translation>中文字型(&amp;C)：</translation>
    </message>
    <message>
        <source>L&amp;atin font:</source>
        <translation>西文字型(&amp;A)：</translation>
    </message>
    <message>
        <source>Font &amp;size:</source>
        <translation>字級(&amp;S)：</translation>
    </message>
    <message>
        <source>Text &amp;width:</source>
        <translation>內文寬度(&amp;W)：</translation>
    </message>
    <message>
        <source>Line &amp;height:</source>
        <translation>行高(&amp;H)：</translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation>主題(&amp;T)：</translation>
    </message>
    <message>
        <source>Mark as read &amp;after:</source>
        <translation>標為已讀前等待(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>介面語言(&amp;L)：</translation>
    </message>
</context>
<context>
    <name>PrintPdf</name>
    <message>
        <source>{0} (not loaded)</source>
        <translation>{0}（未載入）</translation>
    </message>
    <message>
        <source>image unreadable: {0}</source>
        <translation>圖片無法讀取：{0}</translation>
    </message>
    <message>
        <source>image missing: {0}</source>
        <translation>圖片遺失：{0}</translation>
    </message>
    <message>
        <source>image</source>
        <translation>圖片</translation>
    </message>
    <message>
        <source>blocked: {0}</source>
        <translation>已封鎖：{0}</translation>
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
        <translation>簡體中文(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Traditional Chinese</source>
        <translation>繁體中文(&amp;T)</translation>
    </message>
    <message>
        <source>Read &amp;As</source>
        <translation>簡繁顯示(&amp;A)</translation>
    </message>
</context>
<context>
    <name>Reading</name>
    <message>
        <source>Problem in {0}: {1}</source>
        <translation>{0} 有問題：{1}</translation>
    </message>
    <message>
        <source>This article cannot be shown</source>
        <translation>無法顯示這篇文章</translation>
    </message>
    <message>
        <source>Reading the whole article…</source>
        <translation>正在讀取全文…</translation>
    </message>
    <message>
        <source>Could not save the reading position: {0}</source>
        <translation>無法儲存閱讀位置：{0}</translation>
    </message>
    <message>
        <source>No more articles</source>
        <translation>沒有更多文章了</translation>
    </message>
    <message>
        <source>This is the first article</source>
        <translation>這是第一篇文章</translation>
    </message>
    <message>
        <source>Wrapped around to the top</source>
        <translation>已回到頂端</translation>
    </message>
    <message>
        <source>No unread articles</source>
        <translation>沒有未讀文章</translation>
    </message>
    <message>
        <source>Could not mark read: {0}</source>
        <translation>無法標為已讀：{0}</translation>
    </message>
    <message>
        <source>Could not star: {0}</source>
        <translation>無法加上星號：{0}</translation>
    </message>
    <message>
        <source>This article has no source link</source>
        <translation>這篇文章沒有原文連結</translation>
    </message>
    <message numerus="yes">
        <source>Marking %Ln article(s) read…</source>
        <translation>
            <numerusform>正在將 %Ln 篇文章標為已讀…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Marked %Ln article(s) read</source>
        <translation>
            <numerusform>已將 %Ln 篇文章標為已讀</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReadingData</name>
    <message>
        <source>Reading data (*.json)</source>
        <translation>閱讀資料 (*.json)</translation>
    </message>
    <message>
        <source>Export Reading Data</source>
        <translation>匯出閱讀資料</translation>
    </message>
    <message>
        <source>Exporting the reading data to {0}…</source>
        <translation>正在將閱讀資料匯出到 {0}…</translation>
    </message>
    <message numerus="yes">
        <source>Exported the marks of %Ln post(s) to {0}</source>
        <translation>
            <numerusform>已將 %Ln 篇文章的標記匯出到 {0}</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not export the reading data: {0}</source>
        <translation>無法匯出閱讀資料：{0}</translation>
    </message>
    <message>
        <source>Import Reading Data</source>
        <translation>匯入閱讀資料</translation>
    </message>
    <message>
        <source>Importing the reading data from {0}…</source>
        <translation>正在從 {0} 匯入閱讀資料…</translation>
    </message>
    <message>
        <source>Nothing was imported: {0}</source>
        <translation>未匯入任何內容：{0}</translation>
    </message>
    <message numerus="yes">
        <source>Imported %Ln newer mark(s)</source>
        <translation>
            <numerusform>已匯入 %Ln 個較新的標記</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(%Ln post(s) in the file)</source>
        <translation>
            <numerusform>（檔案中有 %Ln 篇文章）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Refresher</name>
    <message>
        <source>Could not refresh the library: {0}</source>
        <translation>無法重新整理文庫：{0}</translation>
    </message>
</context>
<context>
    <name>SavedSearches</name>
    <message>
        <source>Name:</source>
        <translation>名稱：</translation>
    </message>
    <message>
        <source>Save Search</source>
        <translation>儲存搜尋</translation>
    </message>
    <message>
        <source>Saved the search “{0}”</source>
        <translation>已儲存搜尋「{0}」</translation>
    </message>
    <message>
        <source>Click a saved search in the tree first</source>
        <translation>請先在側欄中點選一個已存搜尋</translation>
    </message>
    <message>
        <source>Rename Saved Search</source>
        <translation>重新命名已存搜尋</translation>
    </message>
    <message>
        <source>Renamed “{0}” to “{1}”</source>
        <translation>已將「{0}」重新命名為「{1}」</translation>
    </message>
    <message>
        <source>A saved search named “{0}” exists already</source>
        <translation>已有名為「{0}」的已存搜尋</translation>
    </message>
    <message>
        <source>Deleted the saved search “{0}”</source>
        <translation>已刪除已存搜尋「{0}」</translation>
    </message>
</context>
<context>
    <name>SearchController</name>
    <message>
        <source>Search failed: {0}</source>
        <translation>搜尋失敗：{0}</translation>
    </message>
</context>
<context>
    <name>SearchField</name>
    <message>
        <source>Search articles (Ctrl+F or /)</source>
        <translation>搜尋文章（Ctrl+F 或 /）</translation>
    </message>
    <message>
        <source>Search articles</source>
        <translation>搜尋文章</translation>
    </message>
    <message>
        <source>Words to find in titles and text; Enter or Down goes to the results, Escape clears the search.</source>
        <translation>要在標題和內文中尋找的字詞；按 Enter 或向下鍵前往結果，按 Esc 清除搜尋。</translation>
    </message>
    <message>
        <source>Words must all match; &quot;a phrase&quot; in quotes; -word leaves a word out; a OR b.
category:X or 分类:X, tag:X or 标签:X (the label in any case, Simplified or Traditional),
title:word or 标题:word, date:2022-01 or 日期:2022-01..2022-03.</source>
        <translation>所有詞都須出現；「短語」加引號；-詞 排除該詞；a OR b 任一。
分類:X 或 category:X，標籤:X 或 tag:X（不分大小寫，簡體繁體皆可），
標題:詞 或 title:詞，日期:2022-01 或 date:2022-01..2022-03。</translation>
    </message>
</context>
<context>
    <name>TreeMenu</name>
    <message>
        <source>Rename…</source>
        <translation>重新命名…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>刪除</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>開啟</translation>
    </message>
    <message>
        <source>Note…</source>
        <translation>筆記…</translation>
    </message>
    <message>
        <source>Remove Highlight</source>
        <translation>移除螢光標記</translation>
    </message>
</context>
</TS>
