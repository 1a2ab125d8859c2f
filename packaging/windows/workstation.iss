; Inno Setup script: wraps the one-folder build (dist\workstation) in a per-machine installer.
; Build on Windows after packaging\build.py:   iscc packaging\windows\workstation.iss
; The version below is checked against pyproject.toml by tests/packaging/test_windows_installer.py;
; packaging\build.py can also pass /DAppVersion=... on the command line.
;
; Uninstalling keeps the officers' data: stations live in each user's
; %LOCALAPPDATA%\police-room-workstation (never under {app}), and nothing below deletes them.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "Police-room Workstation"
#define AppNameZh "社区警务室工作站"
#define AppExe "workstation.exe"
#define BuildDir "..\..\dist\workstation"

[Setup]
AppId={{6F2B7C1E-4B1A-4C55-9E0B-3D5C2A7B9E10}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=Police-room Workstation developers
DefaultDirName={autopf}\PoliceRoomWorkstation
DefaultGroupName={#AppName}
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=police-room-workstation-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
UninstallDisplayIcon={app}\{#AppExe}
ShowLanguageDialog=auto

[Languages]
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Files]
; every file of the one-folder build, as built (the test checks nothing is left out)
Source: "{#BuildDir}\workstation.exe"; DestDir: "{app}"; Flags: ignoreversion
Source: "{#BuildDir}\workstation-console.exe"; DestDir: "{app}"; Flags: ignoreversion
Source: "{#BuildDir}\workstation-admin.exe"; DestDir: "{app}"; Flags: ignoreversion
Source: "{#BuildDir}\_internal\*"; DestDir: "{app}\_internal"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppNameZh}"; Filename: "{app}\{#AppExe}"
Name: "{group}\{#AppName} (console, for troubleshooting)"; Filename: "{app}\workstation-console.exe"
Name: "{group}\Uninstall {#AppName}"; Filename: "{uninstallexe}"
Name: "{commondesktop}\{#AppNameZh}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Run]
Filename: "{app}\workstation-console.exe"; Parameters: "--self-test"; StatusMsg: "Self-test…"; Flags: runhidden waituntilterminated
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppNameZh}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; only what the program itself may leave in its own folder; user data is elsewhere and stays
Type: filesandordirs; Name: "{app}\_internal\__pycache__"
