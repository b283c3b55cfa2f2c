@echo off
rem Mapwright command line (Java 17 or newer).
setlocal
set "HERE=%~dp0.."
if defined JAVA_HOME (set "JAVA=%JAVA_HOME%\bin\java.exe") else (set "JAVA=java")
if not defined MAPWRIGHT_OPTS set "MAPWRIGHT_OPTS=-Xmx1g"
rem The Log4j API's simple logger: no "could not find a logging provider" line from POI.
"%JAVA%" -Dlog4j2.loggerContextFactory=org.apache.logging.log4j.simple.SimpleLoggerContextFactory %MAPWRIGHT_OPTS% -cp "%HERE%\lib\*" org.mapwright.cli.Main %*
exit /b %ERRORLEVEL%
