@echo off
rem Runs the agent on the runtime beside this script.
"%~dp0java.exe" -jar "%~dp0..\app\tunnel-agent.jar" %*
