/*
 * Choosing a language or a country by name (served as /assets/choose-by-name.js, after
 * /assets/autocomplete/accessible-autocomplete.min.js, alphagov's accessible-autocomplete).
 * Progressive enhancement: without JavaScript a <select data-lw-choose-by-name> is an ordinary
 * list of names; with it the list becomes a text field that suggests the names containing what
 * is typed, in English or in the language's own words ("Tigrinya (ትግርኛ)"), or any other name an
 * option lists in data-also ("Farsi"), ignoring accents and case. The <select> still carries the
 * code that is sent. Emptying the field clears the choice.
 */
(function () {
  'use strict';

  var autocomplete = window.accessibleAutocomplete;
  if (!autocomplete || !autocomplete.enhanceSelectElement || !document.querySelectorAll) return;

  function fold(text) {
    var s = String(text || '');
    if (s.normalize) s = s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
    return s.toLowerCase().replace(/\s+/g, ' ').trim();
  }

  // The library links its input only to its own instructions, not to the select's hint or
  // error (alphagov/accessible-autocomplete#589); as its maintainers suggest, the instructions
  // start with their words so a screen reader still hears them.
  var INSTRUCTIONS =
    'When autocomplete results are available use up and down arrows to review and enter to select. Touch device users, explore by touch or with swipe gestures.';

  function describedBy(select) {
    var ids = (select.getAttribute('aria-describedby') || '').split(/\s+/);
    var words = [];
    for (var i = 0; i < ids.length; i++) {
      var element = ids[i] && document.getElementById(ids[i]);
      if (element) words.push(element.textContent.replace(/\s+/g, ' ').trim());
    }
    return words.join('. ');
  }

  function enhance(select) {
    var id = select.id;
    var described = describedBy(select);
    var names = [];
    for (var i = 0; i < select.options.length; i++) {
      var option = select.options[i];
      if (!option.value) continue;
      var text = option.textContent;
      names.push({ text: text, keys: fold(text + ' ' + (option.getAttribute('data-also') || '')) });
    }
    autocomplete.enhanceSelectElement({
      selectElement: select,
      defaultValue: '',
      minLength: 1,
      source: function (query, populateResults) {
        var q = fold(query);
        var found = [];
        for (var j = 0; q && j < names.length; j++) {
          if (names[j].keys.indexOf(q) !== -1) found.push(names[j].text);
        }
        populateResults(found);
      },
      tNoResults: function () {
        return 'No match: try the name in English';
      },
      tAssistiveHint: function () {
        return described ? described + '. ' + INSTRUCTIONS : INSTRUCTIONS;
      },
    });
    var form = select.form;
    if (form) {
      form.addEventListener('submit', function () {
        var field = document.getElementById(id);
        if (field && field.value.trim() === '') select.value = '';
      });
    }
  }

  var selects = document.querySelectorAll('select[data-lw-choose-by-name]');
  for (var k = 0; k < selects.length; k++) enhance(selects[k]);
})();
