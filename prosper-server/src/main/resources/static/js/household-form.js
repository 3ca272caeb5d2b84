// "Add member" asks the server for a row numbered after those on the page. Set here rather than in an hx-vals "js:"
// expression, which htmx evaluates as code and the pages' Content-Security-Policy does not allow.
document.addEventListener('htmx:configRequest', event => {
  if (event.detail.elt && event.detail.elt.id === 'add-member') {
    event.detail.parameters.index = document.querySelectorAll('#members fieldset.member').length;
  }
});

// Inputs the last save found a problem with (data-invalid: their names) are marked, for the eye and for screen readers.
document.addEventListener('DOMContentLoaded', () => {
  const form = document.getElementById('household-form');
  if (!form || !form.dataset.invalid) return;
  for (const name of form.dataset.invalid.split(' ')) {
    form.querySelectorAll('[name="' + CSS.escape(name) + '"]').forEach(input => input.setAttribute('aria-invalid', 'true'));
  }
});
