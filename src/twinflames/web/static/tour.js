// A short guided tour of Explore and Compare (five steps, each pointing at one or two
// controls, one asking for a guess before the comparison shows). The first visit's note offers
// it (never forced) and, once taken or dismissed, is not shown again in this browser; the tour
// can be left at any step, and the footer's link starts it again.
import { $ } from "./dom.js";
import { TOUR } from "./text.js";

let step = -1;
let showView = () => {};

function unmark() {
  for (const el of document.querySelectorAll(".tour-target")) el.classList.remove("tour-target");
}

function show() {
  const s = TOUR.steps[step];
  unmark();
  showView(s.view);
  $("tour-count").textContent = TOUR.count(step + 1, TOUR.steps.length);
  $("tour-text").textContent = s.text;
  $("tour-back").disabled = step === 0;
  $("tour-next").textContent = step === TOUR.steps.length - 1 ? TOUR.finish : TOUR.next;
  for (const id of s.targets) $(id).classList.add("tour-target");
  $(s.targets[0]).scrollIntoView({ block: "center" });
}

export function startTour() {
  step = 0;
  $("tour").hidden = false;
  $("about").hidden = true;
  show();
  $("tour-next").focus();
}

function end() {
  unmark();
  $("tour").hidden = true;
  step = -1;
}

// Wire the tour; `view(name)` switches tabs.
export function bindTour(view) {
  showView = view;
  $("tour-start").addEventListener("click", startTour);
  $("tour-again").addEventListener("click", startTour);
  $("tour-leave").addEventListener("click", end);
  $("tour-back").addEventListener("click", () => { step -= 1; show(); });
  $("tour-next").addEventListener("click", () => {
    if (step === TOUR.steps.length - 1) { end(); return; }
    step += 1;
    show();
  });
}
