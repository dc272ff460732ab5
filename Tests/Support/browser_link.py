#!/usr/bin/env python3
"""Follows an action link in headless Chromium as an owner would: the confirm page, then
its button. Prints one JSON object per step; exits non-zero when a step does not look as
it must. Used by Tests/IntegrationTests/BrowserTests.swift.

  browser_link.py --link URL --expect-title TITLE --expect-result TEXT [--no-javascript]
                  [--status URL --token TOKEN --expect-status TEXT]
"""
import argparse
import json
import shutil
import sys

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait


def driver(javascript):
    options = webdriver.ChromeOptions()
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=412,915"):
        options.add_argument(arg)
    binary = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if binary:
        options.binary_location = binary
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    path = shutil.which("chromedriver") or "/usr/bin/chromedriver"
    return webdriver.Chrome(service=Service(path), options=options)


def fail(step, message):
    print(json.dumps({"step": step, "ok": False, "error": message}))
    sys.exit(1)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--link", required=True)
    p.add_argument("--expect-title", required=True)
    p.add_argument("--expect-result", required=True)
    p.add_argument("--no-javascript", action="store_true")
    p.add_argument("--status")
    p.add_argument("--token")
    p.add_argument("--expect-status")
    a = p.parse_args()
    d = driver(javascript=not a.no_javascript)
    try:
        if a.no_javascript:
            d.get("data:text/html,<p id=x>static</p><script>document.getElementById('x').textContent='ran'</script>")
            if d.find_element(By.ID, "x").text != "static":
                fail("javascript-off", "JavaScript ran although it was turned off")
        d.get(a.link)
        body = d.find_element(By.TAG_NAME, "body").text
        if a.expect_title not in body:
            fail("confirm", "the confirm page does not name the item: " + body[:300])
        buttons = d.find_elements(By.CSS_SELECTOR, "form[method=post] button")
        if len(buttons) != 1:
            fail("confirm", "expected one button in a POST form, found %d" % len(buttons))
        width = d.execute_script("return document.documentElement.scrollWidth") if not a.no_javascript else None
        print(json.dumps({"step": "confirm", "ok": True, "title": d.title, "scroll_width": width}))
        buttons[0].click()
        # The click submits the form; wait for the page it loads.
        try:
            WebDriverWait(d, 15).until(lambda d: a.expect_result in d.find_element(By.TAG_NAME, "body").text)
        except Exception:
            pass
        body = d.find_element(By.TAG_NAME, "body").text
        if a.expect_result not in body:
            fail("result", "the result page does not say '%s': %s" % (a.expect_result, body[:300]))
        print(json.dumps({"step": "result", "ok": True, "text": body[:200]}))
        if a.status:
            d.execute_cdp_cmd("Network.enable", {})
            d.execute_cdp_cmd("Network.setExtraHTTPHeaders", {"headers": {"Authorization": "Bearer " + a.token}})
            d.get(a.status)
            WebDriverWait(d, 15).until(lambda d: d.find_elements(By.TAG_NAME, "h1"))
            body = d.find_element(By.TAG_NAME, "body").text
            if a.expect_status not in body:
                fail("status", "the status page does not show '%s': %s" % (a.expect_status, body[:500]))
            print(json.dumps({"step": "status", "ok": True}))
    finally:
        d.quit()


if __name__ == "__main__":
    main()
