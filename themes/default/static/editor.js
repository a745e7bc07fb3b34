/* loa — newsroom script. Everything here is an enhancement: every page of
 * /quan-tri works without it.
 *  - buttons and links with data-confirm="…" ask before acting;
 *  - the current menu item is marked with aria-current;
 *  - <textarea data-editor> becomes a rich-text editor (toolbar, image
 *    library, tables, Word paste clean-up, HTML source view), kept in sync
 *    with the textarea, which is what the form submits;
 *  - the article form is saved automatically every 30 seconds when changed,
 *    and an earlier automatic save can be restored. */
(function () {
	'use strict';

	var AUTOSAVE_MS = 30000;

	function $(sel, root) { return (root || document).querySelector(sel); }
	function $all(sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); }
	function el(tag, attrs, children) {
		var n = document.createElement(tag);
		if (attrs) {
			Object.keys(attrs).forEach(function (k) {
				var v = attrs[k];
				if (v === null || v === undefined || v === false) return;
				if (k === 'text') n.textContent = v;
				else if (k === 'html') n.innerHTML = v;
				else if (k.slice(0, 2) === 'on') n.addEventListener(k.slice(2), v);
				else n.setAttribute(k, v === true ? '' : v);
			});
		}
		(children || []).forEach(function (c) {
			if (c) n.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
		});
		return n;
	}
	function pad2(n) { return (n < 10 ? '0' : '') + n; }
	function nowHHMM() { var d = new Date(); return pad2(d.getHours()) + ':' + pad2(d.getMinutes()); }

	/* ---------- confirmations and small page helpers ---------- */

	document.addEventListener('click', function (e) {
		var t = e.target.closest ? e.target.closest('[data-confirm]') : null;
		if (t && !window.confirm(t.getAttribute('data-confirm'))) {
			e.preventDefault();
			e.stopImmediatePropagation();
		}
	}, true);

	function markCurrentNav() {
		var section = document.body.getAttribute('data-section');
		if (!section) return;
		$all('.nav-link[data-section="' + section + '"]').forEach(function (a) {
			a.setAttribute('aria-current', 'page');
		});
	}

	function selectAllOnFocus() {
		$all('[data-select-all]').forEach(function (input) {
			input.addEventListener('focus', function () { input.select(); });
		});
	}

	/* A header box that checks every box named by its data-check-all
	 * (the article list's bulk actions); hidden without script. */
	function checkAll() {
		$all('[data-check-all]').forEach(function (box) {
			var boxes = $all('input[type="checkbox"][name="' + box.getAttribute('data-check-all') + '"]');
			if (!boxes.length) return;
			var wrap = box.closest('[data-check-all-wrap]');
			if (wrap) wrap.hidden = false;
			box.addEventListener('change', function () {
				boxes.forEach(function (b) { b.checked = box.checked; });
			});
		});
	}

	/* The editor's "Bài liên quan": search published articles (tim.json),
	 * add, move up and down, remove. The order of the hidden inputs
	 * "lien-quan" is the order saved. Without script the panel still
	 * keeps the picks and removes the ones ticked "Bỏ". */
	function relatedPicker() {
		$all('[data-related]').forEach(function (panel) {
			var list = panel.querySelector('[data-related-list]');
			var empty = panel.querySelector('[data-related-empty]');
			var search = panel.querySelector('[data-related-search]');
			var input = search && search.querySelector('input');
			var results = panel.querySelector('[data-related-results]');
			var url = panel.getAttribute('data-find-url');
			if (!list || !search || !window.fetch) return;
			search.hidden = false;
			function ids() { return $all('input[name="lien-quan"]', list).map(function (i) { return i.value; }); }
			function refresh() { empty.hidden = list.children.length > 0; }
			function wire(li) {
				var up = li.querySelector('[data-related-up]'), down = li.querySelector('[data-related-down]');
				var rm = li.querySelector('[data-related-remove]');
				up.hidden = false;
				down.hidden = false;
				up.addEventListener('click', function () {
					if (li.previousElementSibling) list.insertBefore(li, li.previousElementSibling);
					up.focus();
				});
				down.addEventListener('click', function () {
					if (li.nextElementSibling) list.insertBefore(li.nextElementSibling, li);
					down.focus();
				});
				rm.addEventListener('change', function () {
					li.parentNode.removeChild(li);
					refresh();
					input.focus();
				});
			}
			function item(id, title) {
				var name = ' bài “' + title + '”';
				var li = el('li', { class: 'related-item' }, [
					el('input', { type: 'hidden', name: 'lien-quan', value: String(id) }),
					el('span', { class: 'related-title', text: title }),
					el('span', { class: 'related-actions' }, [
						el('button', { type: 'button', class: 'btn btn-small', 'data-related-up': true }, ['Lên', el('span', { class: 'visually-hidden', text: name })]),
						el('button', { type: 'button', class: 'btn btn-small', 'data-related-down': true }, ['Xuống', el('span', { class: 'visually-hidden', text: name })]),
						el('label', { class: 'btn btn-small related-remove' }, [
							el('input', { type: 'checkbox', name: 'lien-quan-bo', value: String(id), 'data-related-remove': true }),
							' Bỏ', el('span', { class: 'visually-hidden', text: name })])
					])
				]);
				wire(li);
				return li;
			}
			$all('li', list).forEach(wire);
			var timer = null, seq = 0;
			input.addEventListener('input', function () {
				clearTimeout(timer);
				timer = setTimeout(function () {
					var mine = ++seq;
					fetch(url + '?q=' + encodeURIComponent(input.value.trim()), { credentials: 'same-origin' })
						.then(function (r) { return r.json(); })
						.then(function (data) {
							if (mine !== seq) return;
							results.textContent = '';
							var have = ids(), form = panel.closest('form');
							var self = form && /\/(\d+)$/.exec(form.getAttribute('action') || '');
							(data.items || []).forEach(function (it) {
								if (have.indexOf(String(it.id)) >= 0 || (self && self[1] === String(it.id))) return;
								results.appendChild(el('li', {}, [
									el('button', { type: 'button', class: 'btn btn-small', onclick: function () {
										if (ids().length >= 10) return;
										list.appendChild(item(it.id, it.title));
										refresh();
										this.parentNode.parentNode.removeChild(this.parentNode);
										input.focus();
									} }, ['Thêm', el('span', { class: 'visually-hidden', text: ' bài “' + it.title + '”' })]),
									el('span', { class: 'related-title', text: ' ' + it.title + ' · ' + it.category + ' · ' + it.date })
								]));
							});
							if (!results.children.length) results.appendChild(el('li', { class: 'empty', text: 'Không tìm thấy bài đã đăng nào khớp.' }));
						})
						.catch(function () {});
				}, 250);
			});
		});
	}

	/* ---------- HTML clean-up (pastes from Word and web pages) ---------- */

	var DROP = { STYLE: 1, SCRIPT: 1, META: 1, LINK: 1, TITLE: 1, HEAD: 1, XML: 1, OBJECT: 1, EMBED: 1, APPLET: 1,
		FORM: 1, INPUT: 1, BUTTON: 1, SELECT: 1, TEXTAREA: 1, NOSCRIPT: 1, TEMPLATE: 1, SVG: 1, MATH: 1 };
	var UNWRAP = { SPAN: 1, FONT: 1, SECTION: 1, ARTICLE: 1, HEADER: 1, FOOTER: 1, MAIN: 1, ASIDE: 1, NAV: 1, CENTER: 1 };
	var KEEP_ATTRS = { A: ['href', 'title'], IMG: ['src', 'alt', 'width', 'height'], TD: ['colspan', 'rowspan'],
		TH: ['colspan', 'rowspan', 'scope'], OL: ['start'], IFRAME: ['src', 'width', 'height', 'allowfullscreen', 'title'] };

	function unwrap(node) {
		var parent = node.parentNode;
		while (node.firstChild) parent.insertBefore(node.firstChild, node);
		parent.removeChild(node);
	}

	function cleanNode(root) {
		var walker = [];
		(function collect(n) {
			for (var c = n.firstChild; c; c = c.nextSibling) {
				walker.push(c);
				if (c.nodeType === 1) collect(c);
			}
		})(root);
		walker.forEach(function (n) {
			if (!n.parentNode) return;
			if (n.nodeType === 8) { n.parentNode.removeChild(n); return; }        /* comments, Word's <!--[if …]> */
			if (n.nodeType !== 1) return;
			var tag = n.nodeName.toUpperCase();
			if (DROP[tag] || tag.indexOf(':') >= 0 && tag !== 'O:P') {        /* <o:p>, <v:shape>, <w:…> */
				n.parentNode.removeChild(n);
				return;
			}
			if (tag === 'O:P') { unwrap(n); return; }
			if (/mso-list:\s*ignore/i.test(n.getAttribute('style') || '')) {   /* Word's typed list bullets */
				n.parentNode.removeChild(n);
				return;
			}
			var keep = KEEP_ATTRS[tag] || [];
			Array.prototype.slice.call(n.attributes).forEach(function (a) {
				var name = a.name.toLowerCase();
				if (keep.indexOf(name) < 0) n.removeAttribute(a.name);
			});
			['href', 'src'].forEach(function (attr) {
				var v = n.getAttribute(attr);
				if (v && /^\s*(javascript|vbscript|data|file):/i.test(v)) n.removeAttribute(attr);
			});
			if (tag === 'IMG' && !n.getAttribute('src')) { n.parentNode.removeChild(n); return; }
			if (UNWRAP[tag]) { unwrap(n); return; }
			if (tag === 'B') { renameTo(n, 'strong'); return; }
			if (tag === 'I') { renameTo(n, 'em'); return; }
			if (tag === 'H1') { renameTo(n, 'h2'); return; }
			if (tag === 'DIV') {
				if (n.querySelector('p, div, h1, h2, h3, h4, h5, h6, ul, ol, table, blockquote, figure')) unwrap(n);
				else renameTo(n, 'p');
			}
		});
		/* Word wraps whole lines in empty paragraphs: drop the empty ones. */
		$all('p', root).forEach(function (p) {
			if (!p.textContent.replace(/\u00a0/g, ' ').trim() && !p.querySelector('img, br, iframe, table'))
				p.parentNode.removeChild(p);
		});
		return root;
	}

	function renameTo(n, tag) {
		var r = document.createElement(tag);
		Array.prototype.slice.call(n.attributes).forEach(function (a) { r.setAttribute(a.name, a.value); });
		while (n.firstChild) r.appendChild(n.firstChild);
		n.parentNode.replaceChild(r, n);
	}

	/* Parses HTML in an inert document (nothing loads, nothing runs) and
	 * returns the cleaned markup. */
	function cleanHTML(html) {
		var doc = new DOMParser().parseFromString('<!DOCTYPE html><html><body>' + html + '</body></html>', 'text/html');
		var body = doc.body;
		if (/<!--StartFragment-->/.test(html)) {
			var m = html.match(/<!--StartFragment-->([\s\S]*?)<!--EndFragment-->/);
			if (m) body = new DOMParser().parseFromString('<!DOCTYPE html><html><body>' + m[1] + '</body></html>', 'text/html').body;
		}
		cleanNode(body);
		return body.innerHTML.replace(/\u00a0/g, '&nbsp;').trim();
	}

	/* Scrubs content going into the editable area (event handlers, scripts)
	 * without restructuring it the way a paste is restructured. */
	function safeHTML(html) {
		var doc = new DOMParser().parseFromString('<!DOCTYPE html><html><body>' + html + '</body></html>', 'text/html');
		$all('script, style, meta, link, object, embed, base', doc.body).forEach(function (n) { n.parentNode.removeChild(n); });
		$all('*', doc.body).forEach(function (n) {
			Array.prototype.slice.call(n.attributes).forEach(function (a) {
				if (/^on/i.test(a.name) || /^\s*(javascript|vbscript):/i.test(a.value)) n.removeAttribute(a.name);
			});
		});
		return doc.body.innerHTML;
	}

	/* ---------- dialogs ---------- */

	function makeDialog(title, cls) {
		var dlg = el('dialog', { 'class': 'dlg' + (cls ? ' ' + cls : ''), 'aria-labelledby': 'dlg-' + Math.random().toString(36).slice(2) });
		var head = el('div', { 'class': 'dlg-head' }, [
			el('h2', { id: dlg.getAttribute('aria-labelledby'), text: title }),
			el('button', { type: 'button', 'class': 'dlg-close', 'aria-label': 'Đóng', title: 'Đóng', text: '×',
				onclick: function () { dlg.close(); } })
		]);
		var body = el('div', { 'class': 'dlg-body' });
		var foot = el('div', { 'class': 'dlg-foot' });
		dlg.appendChild(head);
		dlg.appendChild(body);
		dlg.appendChild(foot);
		document.body.appendChild(dlg);
		return { dlg: dlg, body: body, foot: foot };
	}

	function field(labelText, input, hint) {
		var id = input.id || ('f-' + Math.random().toString(36).slice(2));
		input.id = id;
		return el('div', { 'class': 'field' }, [el('label', { 'for': id, text: labelText }), input,
			hint ? el('p', { 'class': 'hint', text: hint }) : null]);
	}

	/* ---------- image library dialog (shared by the body and the cover picture) ---------- */

	function MediaDialog(opts) {
		this.listUrl = opts.listUrl;
		this.uploadUrl = opts.uploadUrl;
		this.csrf = opts.csrf;
		this.onChoose = null;
		this.selected = null;
		this.items = [];
		this.build();
	}

	MediaDialog.prototype.build = function () {
		var self = this;
		var d = makeDialog('Chèn ảnh');
		this.d = d;
		this.title = $('h2', d.dlg);
		var tabLib = el('button', { type: 'button', 'class': 'dlg-tab', role: 'tab', 'aria-selected': 'true', text: 'Thư viện ảnh' });
		var tabUp = el('button', { type: 'button', 'class': 'dlg-tab', role: 'tab', 'aria-selected': 'false', text: 'Tải ảnh mới lên' });
		var tabs = el('div', { 'class': 'dlg-tabs', role: 'tablist' }, [tabLib, tabUp]);
		var paneLib = el('div', { role: 'tabpanel' });
		var paneUp = el('div', { role: 'tabpanel', hidden: true });
		tabLib.addEventListener('click', function () { self.showTab(0); });
		tabUp.addEventListener('click', function () { self.showTab(1); });
		tabs.addEventListener('keydown', function (e) {
			if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
				var next = document.activeElement === tabLib ? 1 : 0;
				self.showTab(next);
				(next ? tabUp : tabLib).focus();
				e.preventDefault();
			}
		});
		this.tabs = [tabLib, tabUp];
		this.panes = [paneLib, paneUp];

		this.status = el('p', { 'class': 'dlg-status', role: 'status' });
		this.grid = el('ul', { 'class': 'pick-grid', 'aria-label': 'Ảnh trong thư viện' });
		this.alt = el('input', { type: 'text' });
		this.caption = el('input', { type: 'text' });
		this.captionField = field('Chú thích (hiện dưới ảnh)', this.caption);
		paneLib.appendChild(this.status);
		paneLib.appendChild(this.grid);
		paneLib.appendChild(el('div', { 'class': 'field-row' }, [
			el('div', { 'class': 'field-grow' }, [field('Mô tả ảnh (cho người khiếm thị)', this.alt)]),
			el('div', { 'class': 'field-grow' }, [this.captionField])
		]));

		this.file = el('input', { type: 'file', accept: 'image/jpeg,image/png,image/webp' });
		this.upAlt = el('input', { type: 'text' });
		this.upCaption = el('input', { type: 'text' });
		this.upError = el('p', { 'class': 'field-error', role: 'alert', hidden: true });
		this.upButton = el('button', { type: 'button', 'class': 'btn btn-primary', text: 'Tải lên',
			onclick: function () { self.upload(); } });
		paneUp.appendChild(field('Chọn ảnh', this.file, 'Ảnh JPEG, PNG hoặc WebP, tối đa 15 MB; thông tin EXIF (vị trí, máy chụp) được xóa khi tải lên.'));
		paneUp.appendChild(this.upError);
		paneUp.appendChild(field('Mô tả ảnh (cho người khiếm thị)', this.upAlt));
		paneUp.appendChild(field('Chú thích', this.upCaption));
		paneUp.appendChild(this.upButton);

		d.body.appendChild(tabs);
		d.body.appendChild(paneLib);
		d.body.appendChild(paneUp);

		this.okButton = el('button', { type: 'button', 'class': 'btn btn-primary', text: 'Chèn ảnh', disabled: true,
			onclick: function () { self.choose(); } });
		d.foot.appendChild(el('button', { type: 'button', 'class': 'btn', text: 'Hủy', onclick: function () { d.dlg.close(); } }));
		d.foot.appendChild(this.okButton);
	};

	MediaDialog.prototype.showTab = function (i) {
		this.tabs.forEach(function (t, k) { t.setAttribute('aria-selected', k === i ? 'true' : 'false'); t.tabIndex = k === i ? 0 : -1; });
		this.panes.forEach(function (p, k) { p.hidden = k !== i; });
		this.okButton.hidden = i !== 0;
	};

	MediaDialog.prototype.open = function (mode, onChoose) {
		this.mode = mode;
		this.onChoose = onChoose;
		this.title.textContent = mode === 'cover' ? 'Chọn ảnh đại diện' : mode === 'logo' ? 'Chọn ảnh logo' : 'Chèn ảnh vào bài';
		this.okButton.textContent = mode === 'cover' || mode === 'logo' ? 'Dùng ảnh này' : 'Chèn ảnh';
		this.captionField.hidden = mode === 'logo';
		this.selected = null;
		this.okButton.disabled = true;
		this.alt.value = '';
		this.caption.value = '';
		this.upError.hidden = true;
		this.showTab(0);
		this.d.dlg.showModal();
		this.load();
	};

	MediaDialog.prototype.load = function () {
		var self = this;
		this.status.textContent = 'Đang tải thư viện ảnh…';
		this.grid.textContent = '';
		fetch(this.listUrl, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
			.then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
			.then(function (data) {
				self.items = (data && data.items) || [];
				self.render();
			})
			.catch(function () {
				self.status.textContent = 'Không tải được thư viện ảnh. Hãy thử lại, hoặc dùng thẻ “Tải ảnh mới lên”.';
			});
	};

	MediaDialog.prototype.render = function () {
		var self = this;
		this.grid.textContent = '';
		if (!this.items.length) {
			this.status.textContent = 'Thư viện chưa có ảnh nào. Hãy dùng thẻ “Tải ảnh mới lên”.';
			return;
		}
		this.status.textContent = 'Bấm vào một ảnh để chọn (' + this.items.length + ' ảnh).';
		this.items.forEach(function (it) {
			var b = el('button', { type: 'button', 'aria-pressed': 'false',
				'aria-label': it.alt || it.caption || ('Ảnh số ' + it.id) }, [
				el('img', { src: it.thumb || it.url, alt: '', loading: 'lazy' })
			]);
			b.addEventListener('click', function () { self.select(it, b); });
			b.addEventListener('dblclick', function () { self.select(it, b); self.choose(); });
			self.grid.appendChild(el('li', { 'class': 'pick-item' }, [b]));
		});
	};

	MediaDialog.prototype.select = function (it, button) {
		$all('button[aria-pressed]', this.grid).forEach(function (b) { b.setAttribute('aria-pressed', 'false'); });
		if (button) button.setAttribute('aria-pressed', 'true');
		this.selected = it;
		this.alt.value = it.alt || '';
		this.caption.value = it.caption || '';
		this.okButton.disabled = false;
	};

	MediaDialog.prototype.choose = function () {
		if (!this.selected) return;
		var it = this.selected;
		var pick = { url: it.url, alt: this.alt.value.trim(), caption: this.caption.value.trim(),
			width: it.width, height: it.height, srcset: it.srcset, thumb: it.thumb };
		this.d.dlg.close();
		if (this.onChoose) this.onChoose(pick);
	};

	MediaDialog.prototype.upload = function () {
		var self = this;
		var f = this.file.files && this.file.files[0];
		this.upError.hidden = true;
		if (!f) { this.fail('Hãy chọn một tệp ảnh.'); this.file.focus(); return; }
		if (f.size > 15 * 1024 * 1024) { this.fail('Ảnh lớn hơn 15 MB. Hãy thu nhỏ ảnh rồi tải lại.'); return; }
		var fd = new FormData();
		fd.append('csrf', this.csrf());
		fd.append('tep', f);
		fd.append('alt', this.upAlt.value.trim());
		fd.append('chu-thich', this.upCaption.value.trim());
		this.upButton.disabled = true;
		this.upButton.textContent = 'Đang tải lên…';
		fetch(this.uploadUrl, { method: 'POST', body: fd, credentials: 'same-origin', headers: { Accept: 'application/json' } })
			.then(function (r) {
				return r.json().catch(function () { return { ok: false }; }).then(function (j) { j.httpOk = r.ok; return j; });
			})
			.then(function (j) {
				if (!j.ok || !j.item) throw new Error(j.error || j.message || '');
				self.items.unshift(j.item);
				self.file.value = '';
				self.upAlt.value = '';
				self.upCaption.value = '';
				self.showTab(0);
				self.render();
				var first = $('button', self.grid);
				self.select(j.item, first);
				if (first) first.focus();
				self.status.textContent = 'Đã tải ảnh lên. Kiểm tra mô tả, chú thích rồi bấm “' + self.okButton.textContent + '”.';
			})
			.catch(function (err) {
				self.fail(err && err.message && !/^\d+$/.test(err.message) ? err.message : 'Không tải được ảnh lên. Hãy kiểm tra tệp và thử lại.');
			})
			.then(function () {
				self.upButton.disabled = false;
				self.upButton.textContent = 'Tải lên';
			});
	};

	MediaDialog.prototype.fail = function (msg) {
		this.upError.textContent = msg;
		this.upError.hidden = false;
	};

	/* ---------- the rich-text editor ---------- */

	var ICONS = {
		ul: '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M9 6h11M9 12h11M9 18h11"/><circle cx="4.5" cy="6" r="1"/><circle cx="4.5" cy="12" r="1"/><circle cx="4.5" cy="18" r="1"/></svg>',
		ol: '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M10 6h10M10 12h10M10 18h10M4 4.5h1.5V9M4 9h3M4 14.5c.5-.8 3-1 3 .7 0 1.2-3 2.3-3 3.8h3"/></svg>',
		quote: '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M7 7h4v4c0 3-1.5 5-4 6M14 7h4v4c0 3-1.5 5-4 6"/></svg>',
		link: '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1"/><path d="M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1"/></svg>',
		unlink: '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M15.5 13.5l3-3a4 4 0 0 0-5.7-5.7l-1.3 1.3M8.5 10.5l-3 3a4 4 0 0 0 5.7 5.7l1.3-1.3M4 4l16 16"/></svg>',
		image: '<svg viewBox="0 0 24 24" aria-hidden="true"><rect x="3" y="4" width="18" height="16" rx="2"/><circle cx="9" cy="10" r="2"/><path d="m21 16-5-5-9 9"/></svg>',
		table: '<svg viewBox="0 0 24 24" aria-hidden="true"><rect x="3" y="4" width="18" height="16" rx="1.5"/><path d="M3 9.5h18M3 15h18M9 4v16M15 4v16"/></svg>',
		undo: '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M9 14 4 9l5-5"/><path d="M4 9h11a5 5 0 0 1 0 10h-3"/></svg>',
		redo: '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="m15 14 5-5-5-5"/><path d="M20 9H9a5 5 0 0 0 0 10h3"/></svg>'
	};

	function Editor(textarea, media) {
		this.ta = textarea;
		this.form = textarea.form;
		this.media = media;
		this.source = false;
		this.savedRange = null;
		this.build();
	}

	Editor.prototype.build = function () {
		var self = this;
		var ta = this.ta;
		var wrap = el('div', { 'class': 'rte' });
		var toolbar = el('div', { 'class': 'rte-toolbar', role: 'toolbar', 'aria-label': 'Định dạng nội dung bài viết' });
		var labelEl = ta.id ? $('label[for="' + ta.id + '"]') : null;
		if (labelEl && !labelEl.id) labelEl.id = ta.id + '-label';
		var area = el('div', { 'class': 'rte-area', contenteditable: 'true', role: 'textbox', 'aria-multiline': 'true',
			spellcheck: 'true', lang: ta.getAttribute('lang') || 'vi', 'data-placeholder': 'Bắt đầu viết nội dung bài…' });
		if (labelEl) area.setAttribute('aria-labelledby', labelEl.id);
		if (ta.getAttribute('aria-describedby')) area.setAttribute('aria-describedby', ta.getAttribute('aria-describedby'));
		if (ta.getAttribute('aria-invalid')) area.setAttribute('aria-invalid', ta.getAttribute('aria-invalid'));
		this.wrap = wrap;
		this.toolbar = toolbar;
		this.area = area;

		var B = function (key, label, content, opts) {
			opts = opts || {};
			var b = el('button', { type: 'button', 'class': 'rte-btn' + (opts.text ? ' rte-btn-text' : ''), title: label + (opts.keys ? ' (' + opts.keys + ')' : ''),
				'aria-label': label, 'data-cmd': key, tabindex: '-1', html: content });
			if (opts.toggle) b.setAttribute('aria-pressed', 'false');
			b.addEventListener('mousedown', function (e) { if (key !== 'source') e.preventDefault(); }); /* keep the selection */
			b.addEventListener('click', function () { self.run(key, b); });
			toolbar.appendChild(b);
			return b;
		};
		var sep = function () { toolbar.appendChild(el('span', { 'class': 'rte-sep', 'aria-hidden': 'true' })); };
		this.buttons = {
			bold: B('bold', 'Đậm', '<b aria-hidden="true">Đ</b>', { toggle: true, keys: 'Ctrl+B' }),
			italic: B('italic', 'Nghiêng', '<i aria-hidden="true">N</i>', { toggle: true, keys: 'Ctrl+I' })
		};
		sep();
		this.buttons.h2 = B('h2', 'Tiêu đề H2', '<span aria-hidden="true">H2</span>', { toggle: true, text: true });
		this.buttons.h3 = B('h3', 'Tiêu đề H3', '<span aria-hidden="true">H3</span>', { toggle: true, text: true });
		this.buttons.ul = B('ul', 'Danh sách', ICONS.ul, { toggle: true });
		this.buttons.ol = B('ol', 'Danh sách số', ICONS.ol, { toggle: true });
		this.buttons.quote = B('quote', 'Trích dẫn', ICONS.quote, { toggle: true });
		sep();
		this.buttons.link = B('link', 'Chèn liên kết', ICONS.link, { keys: 'Ctrl+K' });
		this.buttons.unlink = B('unlink', 'Bỏ liên kết', ICONS.unlink);
		this.buttons.image = B('image', 'Chèn ảnh', ICONS.image);
		this.buttons.table = B('table', 'Chèn bảng', ICONS.table);
		sep();
		this.buttons.undo = B('undo', 'Hoàn tác', ICONS.undo, { keys: 'Ctrl+Z' });
		this.buttons.redo = B('redo', 'Làm lại', ICONS.redo, { keys: 'Ctrl+Y' });
		sep();
		this.buttons.source = B('source', 'Mã HTML', '<span aria-hidden="true">HTML</span>', { toggle: true, text: true });
		this.buttons.bold.tabIndex = 0;
		this.roving(toolbar);

		ta.parentNode.insertBefore(wrap, ta);
		wrap.appendChild(toolbar);
		wrap.appendChild(area);
		wrap.appendChild(ta);
		ta.classList.add('rte-source');
		ta.hidden = true;
		ta.setAttribute('aria-label', 'Mã HTML của nội dung');

		try { document.execCommand('defaultParagraphSeparator', false, 'p'); } catch (e) { /* older engines */ }
		this.load(ta.value);

		if (labelEl) labelEl.addEventListener('click', function (e) {
			if (!self.source) { e.preventDefault(); area.focus(); }
		});
		area.addEventListener('input', function () { self.paragraph(); self.changed(); });
		area.addEventListener('paste', function (e) { self.paste(e); });
		area.addEventListener('keydown', function (e) {
			if ((e.ctrlKey || e.metaKey) && !e.altKey && (e.key === 'k' || e.key === 'K')) {
				e.preventDefault();
				self.run('link');
			}
		});
		ta.addEventListener('input', function () { self.changed(); });
		document.addEventListener('selectionchange', function () {
			if (document.activeElement === area) { self.remember(); self.refresh(); }
		});
		area.addEventListener('keyup', function () { self.refresh(); });
		area.addEventListener('mouseup', function () { self.refresh(); });
		area.addEventListener('blur', function () { self.sync(); });
		if (this.form) this.form.addEventListener('submit', function () { self.sync(); }, true);
		this.linkDialog();
	};

	/* Arrow keys move between toolbar buttons; Tab leaves the toolbar. */
	Editor.prototype.roving = function (toolbar) {
		toolbar.addEventListener('keydown', function (e) {
			var keys = { ArrowRight: 1, ArrowLeft: -1, Home: 'first', End: 'last' };
			if (!(e.key in keys)) return;
			var btns = $all('.rte-btn', toolbar).filter(function (b) { return !b.disabled; });
			var i = btns.indexOf(document.activeElement);
			if (i < 0) return;
			var k = keys[e.key];
			var j = k === 'first' ? 0 : k === 'last' ? btns.length - 1 : (i + k + btns.length) % btns.length;
			btns.forEach(function (b) { b.tabIndex = -1; });
			btns[j].tabIndex = 0;
			btns[j].focus();
			e.preventDefault();
		});
		toolbar.addEventListener('focusin', function (e) {
			if (e.target.classList && e.target.classList.contains('rte-btn')) {
				$all('.rte-btn', toolbar).forEach(function (b) { b.tabIndex = b === e.target ? 0 : -1; });
			}
		});
	};

	Editor.prototype.load = function (html) {
		var clean = safeHTML(html || '');
		this.area.innerHTML = clean.trim() ? clean : '';
	};

	Editor.prototype.html = function () {
		if (this.source) return this.ta.value;
		var html = this.area.innerHTML;
		html = html.replace(/(<p>(<br\s*\/?>|\s|&nbsp;)*<\/p>\s*)+$/i, '');
		if (!this.area.textContent.trim() && !this.area.querySelector('img, table, iframe')) html = '';
		return html;
	};

	Editor.prototype.sync = function () {
		if (!this.source) this.ta.value = this.html();
	};

	Editor.prototype.set = function (html) {
		this.ta.value = html || '';
		if (!this.source) this.load(html);
	};

	Editor.prototype.changed = function () {
		if (this.onChange) this.onChange();
	};

	Editor.prototype.remember = function () {
		var sel = window.getSelection();
		if (sel.rangeCount && this.area.contains(sel.getRangeAt(0).commonAncestorContainer))
			this.savedRange = sel.getRangeAt(0).cloneRange();
	};

	Editor.prototype.restore = function () {
		this.area.focus();
		if (this.savedRange) {
			var sel = window.getSelection();
			sel.removeAllRanges();
			sel.addRange(this.savedRange);
		} else {
			var r = document.createRange();
			r.selectNodeContents(this.area);
			r.collapse(false);
			var s = window.getSelection();
			s.removeAllRanges();
			s.addRange(r);
		}
	};

	/* Text typed into an empty editor lands at its top level, outside any
	 * block; put the caret's line in a paragraph so it stays one (the
	 * server wraps such text as well). */
	Editor.prototype.paragraph = function () {
		var first = this.area.firstChild;
		if (!first) return;
		var bare = first.nodeType === 3 ? /\S/.test(first.nodeValue)
			: first.nodeType === 1 && /^(A|B|STRONG|EM|I|U|S|SPAN|SUB|SUP|CODE|BR)$/.test(first.nodeName);
		if (bare) {
			try { document.execCommand('formatBlock', false, 'p'); } catch (e) { /* older engines */ }
		}
	};

	Editor.prototype.exec = function (cmd, value) {
		this.area.focus();
		document.execCommand(cmd, false, value);
		this.changed();
		this.refresh();
	};

	Editor.prototype.block = function () {
		var v = '';
		try { v = String(document.queryCommandValue('formatBlock') || '').toLowerCase(); } catch (e) { v = ''; }
		return v.replace(/[<>]/g, '');
	};

	Editor.prototype.toggleBlock = function (tag) {
		var current = this.block();
		if (tag === 'blockquote' && this.inside('BLOCKQUOTE')) current = 'blockquote';
		this.exec('formatBlock', current === tag ? '<p>' : '<' + tag + '>');
	};

	Editor.prototype.inside = function (tagName) {
		var sel = window.getSelection();
		if (!sel.rangeCount) return null;
		var n = sel.getRangeAt(0).startContainer;
		for (; n && n !== this.area; n = n.parentNode)
			if (n.nodeName === tagName) return n;
		return null;
	};

	Editor.prototype.run = function (key) {
		var self = this;
		if (key === 'source') { this.toggleSource(); return; }
		if (this.source) return;
		switch (key) {
		case 'bold': case 'italic': case 'undo': case 'redo': case 'unlink':
			this.exec(key);
			break;
		case 'h2': case 'h3':
			this.toggleBlock(key);
			break;
		case 'quote':
			this.toggleBlock('blockquote');
			break;
		case 'ul':
			this.exec('insertUnorderedList');
			break;
		case 'ol':
			this.exec('insertOrderedList');
			break;
		case 'link':
			this.remember();
			this.openLink();
			break;
		case 'image':
			this.remember();
			this.media.open('body', function (pick) { self.insertImage(pick); });
			break;
		case 'table':
			this.remember();
			this.insertTable(3, 3);
			break;
		}
	};

	Editor.prototype.insertImage = function (pick) {
		var fig = document.createElement('figure');
		var img = document.createElement('img');
		img.setAttribute('src', pick.url);
		img.setAttribute('alt', pick.alt || '');
		/* the library's WebP sizes: readers load the one that fits */
		if (pick.srcset) img.setAttribute('srcset', pick.srcset);
		if (pick.width && pick.height) {
			img.setAttribute('width', String(pick.width));
			img.setAttribute('height', String(pick.height));
		}
		fig.appendChild(img);
		if (pick.caption) {
			var cap = document.createElement('figcaption');
			cap.textContent = pick.caption;
			fig.appendChild(cap);
		}
		this.insertBlock(fig);
	};

	/* Pictures and tables are blocks: they go after the paragraph holding
	 * the caret (or replace it when it is empty), never inside it, and the
	 * caret moves to a fresh paragraph below them. */
	Editor.prototype.insertBlock = function (node) {
		this.restore();
		var sel = window.getSelection();
		var n = sel.rangeCount ? sel.getRangeAt(0).endContainer : null;
		if (n && !this.area.contains(n)) n = null;
		while (n && n.parentNode !== this.area) n = n.parentNode;
		if (n === this.area) n = null;
		var next = el('p', null, [el('br')]);
		var frag = document.createDocumentFragment();
		frag.appendChild(node);
		frag.appendChild(next);
		var empty = n && n.nodeType === 1 && /^(P|H2|H3|DIV)$/.test(n.nodeName) && !n.textContent.trim() && !n.querySelector('img, table, iframe');
		if (!n) this.area.appendChild(frag);
		else if (empty) this.area.replaceChild(frag, n);
		else this.area.insertBefore(frag, n.nextSibling);
		var r = document.createRange();
		r.setStart(next, 0);
		r.collapse(true);
		sel.removeAllRanges();
		sel.addRange(r);
		this.remember();
		this.changed();
	};

	Editor.prototype.insertTable = function (rows, cols) {
		var tbody = el('tbody');
		for (var r = 0; r < rows; r++) {
			var tr = el('tr');
			for (var c = 0; c < cols; c++) tr.appendChild(el('td', null, [el('br')]));
			tbody.appendChild(tr);
		}
		var table = el('table', null, [tbody]);
		this.insertBlock(table);
		var first = table.querySelector('td');
		var range = document.createRange();
		range.setStart(first, 0);
		range.collapse(true);
		var sel = window.getSelection();
		sel.removeAllRanges();
		sel.addRange(range);
	};

	Editor.prototype.linkDialog = function () {
		var self = this;
		var d = makeDialog('Chèn liên kết', 'dlg-small');
		var url = el('input', { type: 'text', inputmode: 'url', placeholder: 'https://…', spellcheck: 'false' });
		var text = el('input', { type: 'text' });
		var err = el('p', { 'class': 'field-error', role: 'alert', hidden: true });
		var textField = field('Chữ hiển thị', text);
		var form = el('form', { method: 'dialog' }, [
			field('Địa chỉ liên kết', url, 'Địa chỉ trang web (https://…) hoặc đường dẫn trong trang (/…).'),
			err, textField
		]);
		d.body.appendChild(form);
		var ok = el('button', { type: 'button', 'class': 'btn btn-primary', text: 'Chèn liên kết' });
		d.foot.appendChild(el('button', { type: 'button', 'class': 'btn', text: 'Hủy', onclick: function () { d.dlg.close(); } }));
		d.foot.appendChild(ok);
		var submit = function (e) {
			if (e) e.preventDefault();
			var v = url.value.trim();
			if (/^www\./i.test(v)) v = 'https://' + v;
			if (!v || /^\s*(javascript|vbscript|data):/i.test(v)) {
				err.textContent = 'Hãy nhập một địa chỉ hợp lệ.';
				err.hidden = false;
				url.setAttribute('aria-invalid', 'true');
				url.focus();
				return;
			}
			d.dlg.close();
			self.restore();
			var sel = window.getSelection();
			if (sel.isCollapsed || !textField.hidden) {
				var a = document.createElement('a');
				a.setAttribute('href', v);
				a.textContent = text.value.trim() || v;
				document.execCommand('insertHTML', false, a.outerHTML);
			} else {
				document.execCommand('createLink', false, v);
			}
			self.changed();
		};
		ok.addEventListener('click', submit);
		form.addEventListener('submit', submit);
		url.addEventListener('keydown', function (e) { if (e.key === 'Enter') submit(e); });
		text.addEventListener('keydown', function (e) { if (e.key === 'Enter') submit(e); });
		this.openLink = function () {
			var existing = self.inside('A');
			var sel = window.getSelection();
			url.value = existing ? existing.getAttribute('href') || '' : '';
			err.hidden = true;
			url.removeAttribute('aria-invalid');
			text.value = '';
			if (existing) {
				var r = document.createRange();
				r.selectNodeContents(existing);
				sel.removeAllRanges();
				sel.addRange(r);
				self.remember();
			}
			textField.hidden = !(sel.isCollapsed || !sel.rangeCount);
			d.dlg.showModal();
			url.focus();
		};
	};

	Editor.prototype.toggleSource = function () {
		var on = !this.source;
		if (on) {
			this.ta.value = this.html();
			this.source = true;
			this.wrap.classList.add('is-source');
			this.ta.hidden = false;
			this.ta.focus();
		} else {
			this.source = false;
			this.load(this.ta.value);
			this.wrap.classList.remove('is-source');
			this.ta.hidden = true;
			this.area.focus();
		}
		var self = this;
		Object.keys(this.buttons).forEach(function (k) {
			if (k !== 'source') self.buttons[k].disabled = on;
		});
		this.buttons.source.setAttribute('aria-pressed', on ? 'true' : 'false');
		this.buttons.source.title = on ? 'Trở lại chế độ soạn thảo' : 'Mã HTML';
	};

	Editor.prototype.refresh = function () {
		if (this.source) return;
		var st = function (c) { try { return document.queryCommandState(c); } catch (e) { return false; } };
		var block = this.block();
		var set = function (b, on) { b.setAttribute('aria-pressed', on ? 'true' : 'false'); };
		set(this.buttons.bold, st('bold'));
		set(this.buttons.italic, st('italic'));
		set(this.buttons.ul, st('insertUnorderedList'));
		set(this.buttons.ol, st('insertOrderedList'));
		set(this.buttons.h2, block === 'h2');
		set(this.buttons.h3, block === 'h3');
		set(this.buttons.quote, block === 'blockquote' || !!this.inside('BLOCKQUOTE'));
	};

	Editor.prototype.paste = function (e) {
		var cd = e.clipboardData;
		if (!cd) return;
		var html = cd.getData('text/html');
		if (!html) return; /* plain text: the browser inserts it as text */
		e.preventDefault();
		var clean = cleanHTML(html);
		if (!clean) {
			var text = cd.getData('text/plain');
			if (text) document.execCommand('insertText', false, text);
			return;
		}
		document.execCommand('insertHTML', false, clean);
		this.changed();
	};

	/* ---------- the article form: autosave, restore, cover picture ---------- */

	function csrfOf(form) {
		var f = form && form.elements.namedItem('csrf');
		return f ? f.value : '';
	}

	var AUTOSAVE_FIELDS = { title: 'tieu-de', lead: 'sapo', body: 'body_html', category_id: 'chuyen-muc', author: 'tac-gia',
		source: 'nguon', image: 'anh-dai-dien', caption: 'chu-thich-anh', featured: 'noi-bat', featured_order: 'thu-tu-noi-bat',
		hot_pin: 'ghim-tin-nong', publish_date: 'ngay-dang', publish_time: 'gio-dang' };

	function setupArticleForm(form, editor, media) {
		var status = $('[data-autosave-status]', form);
		var url = form.getAttribute('data-autosave-url');
		var dirty = false;       /* changed since the last automatic save */
		var unsaved = false;     /* changed since the page was loaded or submitted */
		var busy = false;
		var submitting = false;

		function say(msg, isError) {
			if (!status) return;
			status.textContent = msg;
			status.classList.toggle('is-error', !!isError);
		}
		function mark() { dirty = true; unsaved = true; }
		if (editor) editor.onChange = mark;
		/* Enter in a one-line field would submit the form with its first
		 * button; in a long article that is never what the writer meant. */
		form.addEventListener('keydown', function (e) {
			var t = e.target;
			if (e.key === 'Enter' && t.tagName === 'INPUT' && /^(text|number|url|search)$/.test(t.type)) e.preventDefault();
		});
		form.addEventListener('input', mark);
		form.addEventListener('change', mark);
		form.addEventListener('submit', function () { submitting = true; if (editor) editor.sync(); });
		window.addEventListener('beforeunload', function (e) {
			if (unsaved && !submitting) { e.preventDefault(); e.returnValue = ''; }
		});

		function autosave() {
			if (!dirty || busy || !url || submitting) return;
			if (editor) editor.sync();
			var body = new URLSearchParams();
			new FormData(form).forEach(function (v, k) { if (typeof v === 'string' && k !== 'action') body.append(k, v); });
			busy = true;
			dirty = false;
			say('Đang tự lưu…');
			fetch(url, { method: 'POST', body: body, credentials: 'same-origin', headers: { Accept: 'application/json' } })
				.then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
				.then(function (j) {
					if (!j || !j.ok) throw new Error('not ok');
					var at = (j.at && String(j.at).match(/(\d{1,2}:\d{2})/)) ? String(j.at).match(/(\d{1,2}:\d{2})/)[1] : nowHHMM();
					say('Đã tự lưu lúc ' + at);
				})
				.catch(function () {
					dirty = true;
					say('Chưa tự lưu được (mất kết nối hoặc phiên đăng nhập đã hết hạn). Nội dung vẫn còn trên trang; hãy bấm “Lưu nháp”.', true);
				})
				.then(function () { busy = false; });
		}
		if (url) window.setInterval(autosave, AUTOSAVE_MS);

		/* Restoring an automatic save offered by the server. */
		var notice = $('#autosave-notice');
		if (notice) {
			var data = null;
			try { data = JSON.parse(notice.getAttribute('data-autosave') || 'null'); } catch (e) { data = null; }
			var restore = $('[data-autosave-restore]', notice);
			var dismiss = $('[data-autosave-dismiss]', notice);
			if (data && typeof data === 'object' && restore) {
				restore.hidden = false;
				if (dismiss) {
					dismiss.hidden = false;
					dismiss.addEventListener('click', function () { notice.hidden = true; });
				}
				restore.addEventListener('click', function () {
					Object.keys(data).forEach(function (k) {
						var name = AUTOSAVE_FIELDS[k] || k;
						if (name === 'csrf' || name === 'version' || name === 'action') return;
						var v = data[k];
						if (v === null || v === undefined) v = '';
						if (name === 'body_html' && editor) { editor.set(String(v)); return; }
						var f = form.elements.namedItem(name);
						if (!f) return;
						if (f.type === 'checkbox') f.checked = v === true || v === 1 || v === '1' || v === 'on';
						else f.value = String(v);
					});
					mark();
					notice.hidden = true;
					say('Đã khôi phục bản tự lưu. Hãy kiểm tra lại rồi bấm “Lưu nháp” để giữ nội dung này.');
					var title = form.elements.namedItem('tieu-de');
					if (title) title.focus();
				});
			}
		}

		/* The cover picture: a library picker next to the address field. */
		var pick = $('[data-pick-cover]', form);
		var cover = form.elements.namedItem('anh-dai-dien');
		var coverCaption = form.elements.namedItem('chu-thich-anh');
		var coverSrcset = form.elements.namedItem('anh-dai-dien-srcset');
		var preview = $('[data-cover-preview]', form);
		function showCover(thumb) {
			if (!preview || !cover) return;
			preview.textContent = '';
			var v = cover.value.trim();
			if (v && !/^\s*(javascript|vbscript|data):/i.test(v)) preview.appendChild(el('img', { src: thumb || v, alt: '' }));
		}
		if (cover) cover.addEventListener('change', function () { showCover(); });
		/* The sizes belong to the picture chosen from the library: an
		 * address typed by hand has none. */
		if (cover && coverSrcset) cover.addEventListener('input', function () { coverSrcset.value = ''; });
		if (pick && cover && media) {
			pick.parentNode.hidden = false;
			pick.addEventListener('click', function () {
				media.open('cover', function (p) {
					cover.value = p.url;
					if (coverSrcset) coverSrcset.value = p.srcset || '';
					if (coverCaption && !coverCaption.value.trim() && p.caption) coverCaption.value = p.caption;
					showCover(p.thumb); /* the library's small size, not the original */
					mark();
					pick.focus();
				});
			});
		}
	}

	/* ---------- other pictures chosen from the library ----------
	 * <button data-pick-media="FIELD" data-pick-preview="ID"> fills the
	 * field FIELD of its form with the address of a picture of the library
	 * (the site's logo in the settings) and shows it in element ID. */

	function setupMediaPickers() {
		if (!window.fetch || typeof HTMLDialogElement !== 'function') return;
		$all('button[data-pick-media]').forEach(function (button) {
			var form = button.form;
			var target = form && form.elements.namedItem(button.getAttribute('data-pick-media'));
			if (!target) return;
			var preview = document.getElementById(button.getAttribute('data-pick-preview') || '');
			var dialog = null;
			button.parentNode.hidden = false;
			button.addEventListener('click', function () {
				if (!dialog) dialog = new MediaDialog({
					listUrl: button.getAttribute('data-media-url') || '/quan-tri/anh.json',
					uploadUrl: button.getAttribute('data-upload-url') || '/quan-tri/anh',
					csrf: function () { return csrfOf(form); }
				});
				dialog.open('logo', function (p) {
					target.value = p.url;
					if (preview) {
						preview.textContent = '';
						preview.appendChild(el('img', { src: p.url, alt: '', height: '56' }));
						preview.hidden = false;
					}
					button.focus();
				});
			});
		});
	}

	/* ---------- start ---------- */

	function start() {
		markCurrentNav();
		selectAllOnFocus();
		checkAll();
		relatedPicker();
		setupMediaPickers();
		var ta = $('textarea[data-editor]');
		var form = ta ? ta.form : $('#article-form');
		if (!form) return;
		var media = null;
		if (window.fetch && typeof HTMLDialogElement === 'function') {
			media = new MediaDialog({
				listUrl: form.getAttribute('data-media-url') || '/quan-tri/anh.json',
				uploadUrl: form.getAttribute('data-upload-url') || '/quan-tri/anh',
				csrf: function () { return csrfOf(form); }
			});
		}
		var editor = null;
		if (ta && media && document.queryCommandSupported && document.queryCommandSupported('insertHTML')) {
			/* a page's form has two (Vietnamese and English); the first
			 * one is the article's editor */
			editor = new Editor(ta, media);
			$all('textarea[data-editor]', form).slice(1).forEach(function (other) { new Editor(other, media); });
		}
		if (window.fetch) setupArticleForm(form, editor, media);
	}

	if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
	else start();
})();
