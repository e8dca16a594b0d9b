; Inno Setup script for Jianbao Reader: installs the PyInstaller one-folder app (dist\jianbao),
; registers .md and .markdown (and the scanner's other Markdown extensions) with an
; "Open with Jianbao Reader" verb, adds a Start menu entry and an uninstaller.
; Build: iscc packaging\windows\jianbao.iss   (after pyinstaller packaging\jianbao.spec)
; Needs Inno Setup 7.0.2 or later: its official ChineseSimplified.isl and ChineseTraditional.isl
; (Unofficial/ before that release). The wizard follows the Windows language; the names and verbs
; below come from [CustomMessages] in each language.

#define AppName "Jianbao Reader"
#define AppVersion "0.1.0"
#define AppExe "jianbao.exe"
#define ProgId "JianbaoReader.Post"

[Setup]
AppId={{7C1E5A2B-3F0D-4A57-9B6E-2D41C8E0A9F3}
AppName={cm:AppName}
AppVersion={#AppVersion}
AppPublisher=The Jianbao Reader developers
DefaultDirName={autopf}\Jianbao Reader
DefaultGroupName={cm:AppName}
DisableProgramGroupPage=yes
; Per-user install by default (no admin); the dialog lets an admin install for everyone.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ChangesAssociations=yes
UninstallDisplayIcon={app}\{#AppExe}
SetupIconFile=jianbao.ico
OutputDir=..\..\dist
OutputBaseFilename=jianbao-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
Name: "chinesetraditional"; MessagesFile: "compiler:Languages\ChineseTraditional.isl"

[CustomMessages]
en.AppName={#AppName}
chinesesimplified.AppName=剪报阅读器
chinesetraditional.AppName=剪報閱讀器
en.OpenWith=Open with {#AppName}
chinesesimplified.OpenWith=用剪报阅读器打开
chinesetraditional.OpenWith=以剪報閱讀器開啟
en.MarkdownPost=Markdown post
chinesesimplified.MarkdownPost=Markdown 文章
chinesetraditional.MarkdownPost=Markdown 文章
en.DefaultForMarkdown=Make {#AppName} the default application for Markdown files
chinesesimplified.DefaultForMarkdown=将剪报阅读器设为 Markdown 文件的默认程序
chinesetraditional.DefaultForMarkdown=將剪報閱讀器設為 Markdown 檔案的預設程式
en.FileAssociations=File associations:
chinesesimplified.FileAssociations=文件关联：
chinesetraditional.FileAssociations=檔案關聯：

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "defaultmd"; Description: "{cm:DefaultForMarkdown}"; GroupDescription: "{cm:FileAssociations}"; Flags: unchecked

[Files]
Source: "..\..\dist\jianbao\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{cm:AppName}"; Filename: "{app}\{#AppExe}"
Name: "{group}\{cm:UninstallProgram,{cm:AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{cm:AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; The ProgID every association points at. "--" so no file name is read as an option.
Root: HKA; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "{cm:MarkdownPost}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open"; ValueType: string; ValueName: ""; ValueData: "{cm:OpenWith}"
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" -- ""%1"""
; Listed under "Open with" for every Markdown extension the scanner reads.
Root: HKA; Subkey: "Software\Classes\.md\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.markdown\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.mdown\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.mkd\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.mkdn\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue
; An "Open with Jianbao Reader" verb on .md and .markdown files, whichever app is their default.
Root: HKA; Subkey: "Software\Classes\SystemFileAssociations\.md\shell\JianbaoReader"; ValueType: string; ValueName: ""; ValueData: "{cm:OpenWith}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\SystemFileAssociations\.md\shell\JianbaoReader"; ValueType: string; ValueName: "Icon"; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\SystemFileAssociations\.md\shell\JianbaoReader\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" -- ""%1"""
Root: HKA; Subkey: "Software\Classes\SystemFileAssociations\.markdown\shell\JianbaoReader"; ValueType: string; ValueName: ""; ValueData: "{cm:OpenWith}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\SystemFileAssociations\.markdown\shell\JianbaoReader"; ValueType: string; ValueName: "Icon"; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\SystemFileAssociations\.markdown\shell\JianbaoReader\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" -- ""%1"""
; Folders: "Open with Jianbao Reader" opens the folder as a library.
Root: HKA; Subkey: "Software\Classes\Directory\shell\JianbaoReader"; ValueType: string; ValueName: ""; ValueData: "{cm:OpenWith}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Directory\shell\JianbaoReader"; ValueType: string; ValueName: "Icon"; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\Directory\shell\JianbaoReader\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" -- ""%1"""
; The app's own entry, so Windows offers it for the types it supports.
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "{cm:AppName}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".md"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".markdown"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" -- ""%1"""
; Only when asked: the default for .md and .markdown.
Root: HKA; Subkey: "Software\Classes\.md"; ValueType: string; ValueName: ""; ValueData: "{#ProgId}"; Flags: uninsdeletevalue; Tasks: defaultmd
Root: HKA; Subkey: "Software\Classes\.markdown"; ValueType: string; ValueName: ""; ValueData: "{#ProgId}"; Flags: uninsdeletevalue; Tasks: defaultmd

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{cm:AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
Type: filesandordirs; Name: "{app}"
