// Unsent survey answers (drafts kept by survey/entry.js in this browser) hold personal data: logging out deletes the
// user's drafts, after saying so if there are any, and any draft saved before drafts were kept per user.
(function () {
  const form = document.getElementById('logout-form');
  if (!form) return;
  form.addEventListener('submit', event => {
    const own = 'prosper.draft.' + form.dataset.user + '.';
    const keys = [];
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (key.startsWith('prosper.draft.') && (key.startsWith(own) || key.split('.').length === 4)) keys.push(key);
    }
    const mine = keys.filter(k => k.startsWith(own)).length;
    if (mine > 0 && !window.confirm(form.dataset.draftsConfirm.replace('{0}', mine))) {
      event.preventDefault();
      return;
    }
    keys.forEach(k => localStorage.removeItem(k));
  });
})();
