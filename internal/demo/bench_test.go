package demo

import (
	"net/http/httptest"
	"testing"
)

// BenchmarkHandler measures serving one GBK article in-process, without a
// network round trip.
func BenchmarkHandler(b *testing.B) {
	h := Handler()
	req := httptest.NewRequest("GET", "/caijing/20240109/893.html", nil)
	for b.Loop() {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		if w.Code != 200 {
			b.Fatal(w.Code)
		}
	}
}

func BenchmarkNewHandler(b *testing.B) {
	for b.Loop() {
		Handler()
	}
}
