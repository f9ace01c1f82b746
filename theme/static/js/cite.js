/* planpress citations: a copy button beside every citation sentence.
   Progressive enhancement: without this file each citation is plain, selectable text.
   A file (never inline) so the Content-Security-Policy can forbid inline script. */
(function () {
  "use strict";
  var DONE = "복사했습니다";
  var FAILED = "복사하지 못했습니다. 글을 선택해 복사해 주세요.";

  function selectText(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  // The Clipboard API where the page may use it; else the selection and execCommand (file://).
  function copy(element) {
    var text = element.textContent.trim();
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).then(function () { return true; }, function () {
        return copyBySelection(element);
      });
    }
    return Promise.resolve(copyBySelection(element));
  }

  function copyBySelection(element) {
    selectText(element);
    try {
      return document.execCommand("copy");
    } catch (error) {
      return false;
    }
  }

  function addButton(citation) {
    var label = citation.getAttribute("data-copy-label") || "인용문";
    var tools = document.createElement("div");
    tools.className = "copy-tools";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "copy-button";
    button.setAttribute("aria-label", label + " 복사");
    button.textContent = "인용문 복사";
    var status = document.createElement("span");
    status.className = "copy-status";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    var timer = null;
    button.addEventListener("click", function () {
      copy(citation).then(function (copied) {
        status.textContent = copied ? DONE : FAILED;
        if (!copied) selectText(citation);
        if (timer) clearTimeout(timer);
        timer = setTimeout(function () { status.textContent = ""; }, 5000);
      });
    });
    tools.appendChild(button);
    tools.appendChild(status);
    citation.parentNode.insertBefore(tools, citation.nextSibling);
  }

  document.querySelectorAll(".citation[data-copy-label]").forEach(addButton);
}());
