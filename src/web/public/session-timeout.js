/*
 * Linkway session timeout warning (served as /assets/session-timeout.js, loaded with `defer`
 * only on signed-in pages). Progressive enhancement: without it the server still ends idle
 * sessions; with it the user is warned and can stay signed in (WCAG 2.2.1 Timing Adjustable).
 *
 * Reads  <body data-session-timeout-seconds="1800">.
 * Before expiry (2 minutes, or half the timeout if it is under 4 minutes) it opens an
 * alertdialog with "Stay signed in" (GET /session/keepalive, then restart the timer) and
 * "Sign out" (POST /logout with the CSRF token of the page's sign-out form).
 * At expiry it ends the session (best effort) and goes to /login?timeout=1.
 *
 * Tabs share the latest expiry through localStorage, so activity in one tab keeps the others
 * open. No inline styles: everything visual is a class in linkway.css.
 */
(function () {
  'use strict';

  var body = document.body;
  if (!body || !document.querySelector || !window.addEventListener) return;

  var timeoutSeconds = parseInt(body.getAttribute('data-session-timeout-seconds') || '', 10);
  if (!(timeoutSeconds > 0)) return;

  var WARNING_SECONDS = timeoutSeconds >= 240 ? 120 : Math.max(1, Math.floor(timeoutSeconds / 2));
  var STORAGE_KEY = 'linkway:session-expires-at';
  var KEEPALIVE_URL = '/session/keepalive';
  var LOGOUT_URL = '/logout';
  var EXPIRED_URL = '/login?timeout=1';

  var expiresAt = 0;
  var checkTimer = null;
  var tickTimer = null;
  var expiring = false;
  var lastAnnounced = null;
  var ui = null; // { dialog, overlay, countdown, live, stay, native }
  var previousFocus = null;

  function now() {
    return new Date().getTime();
  }

  function readShared() {
    try {
      var value = Number(window.localStorage.getItem(STORAGE_KEY));
      return value > 0 ? value : 0;
    } catch (e) {
      return 0;
    }
  }

  function writeShared(value) {
    try {
      window.localStorage.setItem(STORAGE_KEY, String(value));
    } catch (e) {
      /* storage unavailable: this tab keeps its own timer */
    }
  }

  function extendTo(value) {
    expiresAt = Math.max(value, readShared());
    writeShared(expiresAt);
    schedule();
  }

  function csrfToken() {
    var field =
      document.querySelector('[data-lw-logout-form] input[name="_csrf"]') ||
      document.querySelector('form[action="' + LOGOUT_URL + '"] input[name="_csrf"]');
    return field ? field.value : '';
  }

  function clearTimers() {
    if (checkTimer) window.clearTimeout(checkTimer);
    if (tickTimer) window.clearInterval(tickTimer);
    checkTimer = null;
    tickTimer = null;
  }

  /* Work out what to do now, and when to look again. */
  function schedule() {
    if (expiring) return;
    clearTimers();
    expiresAt = Math.max(expiresAt, readShared());
    var msLeft = expiresAt - now();
    if (msLeft <= 0) {
      expire();
      return;
    }
    var msToWarning = msLeft - WARNING_SECONDS * 1000;
    if (msToWarning <= 0) {
      showWarning();
      tickTimer = window.setInterval(updateCountdown, 1000);
      checkTimer = window.setTimeout(schedule, msLeft);
    } else {
      hideWarning();
      checkTimer = window.setTimeout(schedule, msToWarning);
    }
  }

  function secondsLeft() {
    return Math.max(0, Math.ceil((expiresAt - now()) / 1000));
  }

  function describe(seconds) {
    if (seconds >= 60) {
      var minutes = Math.ceil(seconds / 60);
      return minutes + (minutes === 1 ? ' minute' : ' minutes');
    }
    return seconds + (seconds === 1 ? ' second' : ' seconds');
  }

  function updateCountdown() {
    if (!ui) return;
    var seconds = secondsLeft();
    ui.countdown.textContent = describe(seconds);
    // Announce sparingly: screen readers must not hear a countdown every second.
    var milestone = seconds <= 20 ? 20 : seconds <= 60 ? 60 : null;
    if (milestone && milestone !== lastAnnounced) {
      lastAnnounced = milestone;
      ui.live.textContent = 'You will be signed out in ' + describe(seconds) + '.';
    }
    if (seconds <= 0) schedule();
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function build() {
    var native =
      typeof window.HTMLDialogElement === 'function' &&
      typeof document.createElement('dialog').showModal === 'function';
    var dialog = el(
      native ? 'dialog' : 'div',
      'lw-timeout-dialog' + (native ? '' : ' lw-timeout-dialog--fallback'),
    );
    dialog.setAttribute('role', 'alertdialog');
    dialog.setAttribute('aria-modal', 'true');
    dialog.setAttribute('aria-labelledby', 'lw-timeout-title');
    dialog.setAttribute('aria-describedby', 'lw-timeout-text');
    dialog.setAttribute('tabindex', '-1');
    dialog.id = 'lw-timeout-dialog';

    var heading = el('h2', 'govuk-heading-m', 'You are about to be signed out');
    heading.id = 'lw-timeout-title';

    var text = el('p', 'govuk-body');
    text.id = 'lw-timeout-text';
    var countdown = el('strong', null, describe(WARNING_SECONDS));
    text.appendChild(document.createTextNode('For your security, we will sign you out in '));
    text.appendChild(countdown);
    text.appendChild(
      document.createTextNode('. If you are signed out, anything you have not saved will be lost.'),
    );

    var live = el('p', 'govuk-visually-hidden');
    live.setAttribute('aria-live', 'polite');

    var actions = el('div', 'govuk-button-group');
    var stay = el('button', 'govuk-button', 'Stay signed in');
    stay.type = 'button';
    stay.setAttribute('data-module', 'govuk-button');
    stay.addEventListener('click', stayIn);

    var form = el('form', 'lw-inline-form');
    form.method = 'post';
    form.action = LOGOUT_URL;
    form.setAttribute('novalidate', '');
    var token = el('input');
    token.type = 'hidden';
    token.name = '_csrf';
    token.value = csrfToken();
    var signOut = el('button', 'lw-link-button', 'Sign out');
    signOut.type = 'submit';
    form.appendChild(token);
    form.appendChild(signOut);

    actions.appendChild(stay);
    actions.appendChild(form);
    dialog.appendChild(heading);
    dialog.appendChild(text);
    dialog.appendChild(live);
    dialog.appendChild(actions);

    var overlay = null;
    if (native) {
      // Escape closes a native dialog: treat it as "Stay signed in".
      dialog.addEventListener('cancel', function (event) {
        event.preventDefault();
        stayIn();
      });
    } else {
      overlay = el('div', 'lw-timeout-overlay');
      overlay.hidden = true;
      dialog.hidden = true;
      body.appendChild(overlay);
      dialog.addEventListener('keydown', function (event) {
        if (event.key === 'Escape' || event.key === 'Esc') {
          event.preventDefault();
          stayIn();
        } else if (event.key === 'Tab') {
          // Keep focus inside the dialog.
          var first = stay;
          var last = signOut;
          if (event.shiftKey && document.activeElement === first) {
            event.preventDefault();
            last.focus();
          } else if (!event.shiftKey && document.activeElement === last) {
            event.preventDefault();
            first.focus();
          }
        }
      });
    }
    body.appendChild(dialog);
    return {
      dialog: dialog,
      overlay: overlay,
      countdown: countdown,
      live: live,
      stay: stay,
      token: token,
      native: native,
    };
  }

  function isOpen() {
    return !!ui && (ui.native ? ui.dialog.open : !ui.dialog.hidden);
  }

  function showWarning() {
    if (!ui) ui = build();
    ui.token.value = csrfToken();
    if (isOpen()) {
      updateCountdown();
      return;
    }
    previousFocus = document.activeElement;
    lastAnnounced = null;
    ui.live.textContent = '';
    updateCountdown();
    if (ui.native) {
      try {
        ui.dialog.showModal();
      } catch (e) {
        ui.dialog.setAttribute('open', '');
      }
    } else {
      ui.overlay.hidden = false;
      ui.dialog.hidden = false;
    }
    ui.stay.focus();
  }

  function hideWarning() {
    if (!isOpen()) return;
    if (ui.native) {
      ui.dialog.close();
    } else {
      ui.dialog.hidden = true;
      ui.overlay.hidden = true;
    }
    if (previousFocus && previousFocus.focus && document.body.contains(previousFocus)) {
      previousFocus.focus();
    }
    previousFocus = null;
  }

  function stayIn() {
    if (!window.fetch) {
      // Any page load refreshes the session.
      window.location.assign(window.location.href);
      return;
    }
    window
      .fetch(KEEPALIVE_URL, {
        method: 'GET',
        credentials: 'same-origin',
        cache: 'no-store',
        headers: { Accept: 'application/json' },
      })
      .then(function (response) {
        if (response.redirected || response.status === 401 || response.status === 403) {
          expire();
          return;
        }
        if (!response.ok) throw new Error('keepalive failed');
        return response
          .json()
          .catch(function () {
            return null;
          })
          .then(function (data) {
            var seconds =
              data && typeof data.expiresInSeconds === 'number' && data.expiresInSeconds > 0
                ? data.expiresInSeconds
                : timeoutSeconds;
            hideWarning();
            extendTo(now() + seconds * 1000);
          });
      })
      .catch(function () {
        if (ui) {
          ui.live.textContent = '';
          ui.live.textContent =
            'We could not keep you signed in. Check your internet connection and try again.';
        }
      });
  }

  function expire() {
    if (expiring) return;
    expiring = true;
    clearTimers();
    var gone = false;
    function leave() {
      if (gone) return;
      gone = true;
      window.location.assign(EXPIRED_URL);
    }
    var token = csrfToken();
    if (window.fetch && token) {
      // Best effort: make sure the server session is over too, then leave whatever happens.
      window
        .fetch(LOGOUT_URL, {
          method: 'POST',
          credentials: 'same-origin',
          redirect: 'manual',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          body: '_csrf=' + encodeURIComponent(token),
        })
        .then(leave, leave);
      window.setTimeout(leave, 3000);
    } else {
      leave();
    }
  }

  // Another tab stayed signed in, or the laptop woke up: look again.
  window.addEventListener('storage', function (event) {
    if (event.key === STORAGE_KEY) schedule();
  });
  document.addEventListener('visibilitychange', function () {
    if (!document.hidden) schedule();
  });

  // This page load has just refreshed the session.
  extendTo(now() + timeoutSeconds * 1000);
})();
