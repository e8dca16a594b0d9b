<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>ArticlePage</name>
    <message numerus="yes">
        <source>%Ln article(s), {unread} unread, {starred} starred.</source>
        <translation>
            <numerusform>%Ln article, {unread} unread, {starred} starred.</numerusform>
            <numerusform>%Ln articles, {unread} unread, {starred} starred.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln highlight(s) of this article no longer match its text (detached): kept, and listed under Highlights.</source>
        <translation>
            <numerusform>%Ln highlight of this article no longer matches its text (detached): kept, and listed under Highlights.</numerusform>
            <numerusform>%Ln highlights of this article no longer match its text (detached): kept, and listed under Highlights.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Browsing</name>
    <message numerus="yes">
        <source>%Ln result(s) for “{0}”</source>
        <translation>
            <numerusform>%Ln result for “{0}”</numerusform>
            <numerusform>%Ln results for “{0}”</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Highlights</name>
    <message numerus="yes">
        <source>Exported %Ln highlight(s) to {0}</source>
        <translation>
            <numerusform>Exported %Ln highlight to {0}</numerusform>
            <numerusform>Exported %Ln highlights to {0}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LibraryTreeModel</name>
    <message numerus="yes">
        <source>%Ln article(s)</source>
        <translation>
            <numerusform>%Ln article</numerusform>
            <numerusform>%Ln articles</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Reading</name>
    <message numerus="yes">
        <source>Marking %Ln article(s) read…</source>
        <translation>
            <numerusform>Marking %Ln article read…</numerusform>
            <numerusform>Marking %Ln articles read…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Marked %Ln article(s) read</source>
        <translation>
            <numerusform>Marked %Ln article read</numerusform>
            <numerusform>Marked %Ln articles read</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReadingData</name>
    <message numerus="yes">
        <source>Exported the marks of %Ln post(s) to {0}</source>
        <translation>
            <numerusform>Exported the marks of %Ln post to {0}</numerusform>
            <numerusform>Exported the marks of %Ln posts to {0}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %Ln newer mark(s)</source>
        <translation>
            <numerusform>Imported %Ln newer mark</numerusform>
            <numerusform>Imported %Ln newer marks</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(%Ln post(s) in the file)</source>
        <translation>
            <numerusform>(%Ln post in the file)</numerusform>
            <numerusform>(%Ln posts in the file)</numerusform>
        </translation>
    </message>
</context>
</TS>
