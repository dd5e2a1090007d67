# Builds the Windows bundle from build.spec, runs its self-test, and (with -Installer)
# the per-machine MSI from packaging/windows/ce-desktop.wxs. The counterpart of
# scripts/build_bundle.sh for Windows 10 and 11. Not run by CI: see docs/windows.md.
#
#   powershell -ExecutionPolicy Bypass -File scripts\build_bundle.ps1 [-Installer] [-Sign CERT-THUMBPRINT]
#
# Output: dist\ce-desktop\ (ce-desktop.exe windowed, ce-desktop-cli.exe console) and,
# with -Installer, dist\ce-desktop-<version>.msi.
[CmdletBinding()]
param(
    [switch]$Installer,
    [string]$Sign = "",
    [string]$TimestampUrl = "http://timestamp.digicert.com"
)
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..")

function Step($text) { Write-Host "bundle: $text" }

# Python 3.11-3.13 from python.org or the Microsoft Store, through the py launcher.
if (-not (Test-Path ".venv\Scripts\python.exe")) {
    Step "creating .venv"
    py -3.12 -m venv .venv
    if ($LASTEXITCODE -ne 0) { py -3 -m venv .venv }
}
$python = ".venv\Scripts\python.exe"
& $python -m pip install -q --upgrade pip
& $python -m pip install -q -e ".[dev]"
if ($LASTEXITCODE -ne 0) { throw "installing CE Desktop into .venv failed" }

Step "building with PyInstaller (build\ and dist\ are ignored by git)"
& ".venv\Scripts\pyinstaller.exe" --noconfirm --clean --log-level WARN `
    --workpath build\pyinstaller --distpath dist build.spec
if ($LASTEXITCODE -ne 0) { throw "PyInstaller failed" }

$bundle = "dist\ce-desktop"
if ($Sign) {
    # Every executable and library, so that AppLocker/WDAC publisher rules cover all.
    Step "signing every .exe, .dll and .pyd with certificate $Sign"
    $files = Get-ChildItem $bundle -Recurse -Include *.exe, *.dll, *.pyd | ForEach-Object FullName
    for ($i = 0; $i -lt $files.Count; $i += 50) {
        $batch = $files[$i..([math]::Min($i + 49, $files.Count - 1))]
        signtool sign /sha1 $Sign /fd SHA256 /tr $TimestampUrl /td SHA256 $batch
        if ($LASTEXITCODE -ne 0) { throw "signtool failed" }
    }
}

Step "self-test (the console executable, so its lines reach this window)"
$work = Join-Path $env:TEMP ("ce-desktop-selftest-" + [guid]::NewGuid())
New-Item -ItemType Directory $work | Out-Null
try {
    $env:QT_QPA_PLATFORM = "offscreen"
    $env:CE_DESKTOP_DATA_DIR = Join-Path $work "data"
    & "$bundle\ce-desktop-cli.exe" --self-test
    if ($LASTEXITCODE -ne 0) { throw "the bundle's self-test failed" }
    & "$bundle\ce-desktop-cli.exe" schema | Out-Null
    if ($LASTEXITCODE -ne 0) { throw "ce-desktop-cli schema failed" }
} finally {
    Remove-Item Env:QT_QPA_PLATFORM, Env:CE_DESKTOP_DATA_DIR -ErrorAction SilentlyContinue
    Remove-Item -Recurse -Force $work -ErrorAction SilentlyContinue
}

$size = [math]::Round(((Get-ChildItem $bundle -Recurse | Measure-Object Length -Sum).Sum) / 1MB)
Step "$bundle is $size MB"

if ($Installer) {
    # WiX Toolset v4 or later: `dotnet tool install --global wix`.
    $version = (& $python -c "import tomllib; print(tomllib.load(open('pyproject.toml','rb'))['project']['version'])").Trim()
    $msi = "dist\ce-desktop-$version.msi"
    Step "installer $msi (per-machine, Program Files)"
    wix build packaging\windows\ce-desktop.wxs -arch x64 -d Version=$version `
        -d BundleDir=$bundle -bindpath $bundle -o $msi
    if ($LASTEXITCODE -ne 0) { throw "wix build failed" }
    if ($Sign) {
        signtool sign /sha1 $Sign /fd SHA256 /tr $TimestampUrl /td SHA256 $msi
        if ($LASTEXITCODE -ne 0) { throw "signing the installer failed" }
    }
}
