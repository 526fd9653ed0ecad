package browsertest

import (
	"github.com/chromedp/chromedp"
)

// focusAndType focuses the element and types text as key presses ("\r" is
// Enter, "\t" is Tab).
func focusAndType(sel, text string) chromedp.Action[chromedp.Void] {
	return chromedp.Steps(
		chromedp.Focus(chromedp.CSS(sel)),
		chromedp.KeyEvent(text),
	)
}
