@echo off
rem 双击运行：在本文件所在的站点文件夹里启动预览和表单编辑器，并打开浏览器。
rem 用法：把本文件和 generator.exe 放进站点文件夹（有 config.toml 的那个文件夹）。
rem 停止：关闭这个黑色窗口，或在窗口里按 Ctrl+C。
rem 本文件按 GBK 编码保存（中文 Windows 的记事本和命令行都按 GBK 读）。
cd /d "%~dp0"
if exist "%~dp0generator.exe" (
  "%~dp0generator.exe" serve --open
) else (
  generator serve --open
)
if errorlevel 1 pause
