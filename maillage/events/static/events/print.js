// The badge page's "Imprimer" button (a static file: the Content Security Policy forbids inline handlers).
document.querySelectorAll("[data-print]").forEach((button) => {
  button.addEventListener("click", () => window.print());
});
