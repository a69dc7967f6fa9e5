namespace omu { void uiPlaceholder() {} }
