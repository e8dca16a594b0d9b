<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <source>OpenPaths</source>
        <comment>Opened {name}; {more} more not opened (one at a time)</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OpenPaths</source>
        <comment>Cannot open this</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OpenPaths</source>
        <comment>Cannot open these</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OpenPaths</source>
        <comment>Open this folder as a library?</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OpenPaths</source>
        <comment>{folder} is {reason}. Opening it as a library reads every post file in it and in all its folders, which can take very long.</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OpenPaths</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OpenPaths</source>
        <comment>Open Anyway</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Jianbao Reader</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ArticleListView</name>
    <message>
        <source>Articles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The articles to read; Enter or a click opens one, J and K move</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <source>Notice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide this message</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Browsing</name>
    <message>
        <source>Could not read the index: {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <source>Jianbao Reader ran into a problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details of the problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open log folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something went wrong: {summary}

The reader may go on working. The details are also in the log file in {folder}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <source>System Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The new language is used when Jianbao Reader starts again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shows only the tags whose names hold this text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Library</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Views, categories, tags and archive; the selection picks the articles listed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lists only the articles whose titles hold this text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Article</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} is not one of this library&apos;s posts; shown on its own</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This file cannot be shown</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Reading</name>
    <message>
        <source>Could not save the reading position: {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SearchController</name>
    <message>
        <source>Search failed: {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SearchField</name>
    <message>
        <source>Search articles (Ctrl+F or /)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search articles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Words to find in titles and text; Enter or Down goes to the results, Escape clears the search.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
