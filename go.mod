module zhinan

go 1.26.8
