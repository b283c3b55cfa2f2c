@echo off
rem Mapwright command line (Java 17 or newer).
setlocal
set "HERE=%~dp0.."
if defined JAVA_HOME (set "JAVA=%JAVA_HOME%\bin\java.exe") else (set "JAVA=java")
if not defined MAPWRIGHT_OPTS set "MAPWRIGHT_OPTS=-Xmx1g"
"%JAVA%" %MAPWRIGHT_OPTS% -cp "%HERE%\lib\*" org.mapwright.cli.Main %*
exit /b %ERRORLEVEL%
