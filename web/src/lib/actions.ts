/** Moves keyboard focus to an element when it appears (the next step of a form, an error summary). */
export function focusOnMount(node: HTMLElement): void {
  // After the browser has laid the element out, so a screen reader announces it in place.
  requestAnimationFrame(() => node.focus());
}
