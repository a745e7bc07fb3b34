// Title suggestions for the search boxes: a progressive enhancement only.
// Without JavaScript the forms work exactly the same.
(function () {
  'use strict';
  var boxes = document.querySelectorAll('form[action="/tim-kiem"] input[name="q"]');
  if (!boxes.length || !window.fetch) return;
  var list = document.createElement('datalist');
  list.id = 'goi-y-tim-kiem';
  document.body.appendChild(list);
  var timer = null, last = '';
  function update(value) {
    if (value === last) return;
    last = value;
    if (value.trim().length < 2) { list.textContent = ''; return; }
    fetch('/tim-kiem/goi-y?q=' + encodeURIComponent(value))
      .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
      .then(function (data) {
        if (value !== last) return;
        list.textContent = '';
        (data.suggestions || []).forEach(function (s) {
          var o = document.createElement('option');
          o.value = s.title;
          list.appendChild(o);
        });
      })
      .catch(function () {});
  }
  Array.prototype.forEach.call(boxes, function (box) {
    box.setAttribute('list', list.id);
    box.addEventListener('input', function () {
      clearTimeout(timer);
      var v = box.value;
      timer = setTimeout(function () { update(v); }, 150);
    });
  });
})();

// Sharing without any third-party script: plain links to Facebook and Zalo
// (in the page), the phone's own share sheet (Messenger, mail...) where the
// browser has one, and copying the link; these two buttons stay hidden
// without JavaScript.
(function () {
  'use strict';
  var native = document.querySelector('[data-share-url]');
  if (native && navigator.share) {
    native.hidden = false;
    native.addEventListener('click', function () {
      navigator.share({ title: native.getAttribute('data-share-title'), url: native.getAttribute('data-share-url') })
        .catch(function () { /* the reader closed the sheet */ });
    });
  }
  var copy = document.querySelector('[data-copy-url]');
  if (copy && navigator.clipboard) {
    copy.hidden = false;
    copy.addEventListener('click', function () {
      navigator.clipboard.writeText(copy.getAttribute('data-copy-url')).then(function () {
        copy.textContent = 'Đã sao chép liên kết';
        var status = document.querySelector('[data-copy-status]');
        if (status) status.textContent = 'Đã sao chép liên kết của bài vào bộ nhớ tạm.';
      });
    });
  }
})();
