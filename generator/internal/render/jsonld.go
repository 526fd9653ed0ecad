package render

import "strings"

// The schema.org types a guide page describes itself with, so that search
// engines and the government service platform can read the item. Structs
// (not maps) keep the JSON keys in a fixed order.

type governmentService struct {
	Context          string           `json:"@context"`
	Type             string           `json:"@type"`
	Name             string           `json:"name"`
	Identifier       string           `json:"identifier"`
	URL              string           `json:"url,omitempty"`
	ServiceType      string           `json:"serviceType,omitempty"`
	Description      string           `json:"description,omitempty"`
	Provider         organization     `json:"provider"`
	AreaServed       place            `json:"areaServed"`
	Audience         *audience        `json:"audience,omitempty"`
	AvailableChannel []serviceChannel `json:"availableChannel,omitempty"`
}

type organization struct {
	Type string `json:"@type"`
	Name string `json:"name"`
}

type place struct {
	Type      string `json:"@type"`
	Name      string `json:"name"`
	Address   string `json:"address,omitempty"`
	Telephone string `json:"telephone,omitempty"`
}

type audience struct {
	Type         string `json:"@type"`
	AudienceType string `json:"audienceType"`
}

type serviceChannel struct {
	Type            string        `json:"@type"`
	Name            string        `json:"name"`
	ServiceURL      string        `json:"serviceUrl,omitempty"`
	ServicePhone    *contactPoint `json:"servicePhone,omitempty"`
	ServiceLocation *place        `json:"serviceLocation,omitempty"`
}

type contactPoint struct {
	Type      string `json:"@type"`
	Telephone string `json:"telephone"`
}

// newGovernmentService describes a guide as a schema.org GovernmentService:
// who provides it, where, for whom, and through which channels (online,
// phone, each hall).
func newGovernmentService(v *GuideView, canonical string) governmentService {
	g := v.Guide
	desc := []string{v.StarWords + "级", v.Visits}
	if v.Promised != "" {
		desc = append(desc, "承诺时限 "+v.Promised)
	}
	if v.FeeText != "" {
		desc = append(desc, v.FeeText)
	}
	s := governmentService{
		Context:     "https://schema.org",
		Type:        "GovernmentService",
		Name:        g.Title,
		Identifier:  g.Code,
		URL:         canonical,
		ServiceType: g.Type,
		Description: strings.Join(desc, "，"),
		Provider:    organization{Type: "GovernmentOrganization", Name: g.Department},
		AreaServed:  place{Type: "AdministrativeArea", Name: g.Region},
	}
	if len(g.Audience) > 0 {
		s.Audience = &audience{Type: "Audience", AudienceType: strings.Join(g.Audience, "、")}
	}
	if g.Service.OnlineURL != "" {
		s.AvailableChannel = append(s.AvailableChannel, serviceChannel{
			Type: "ServiceChannel", Name: "网上办理", ServiceURL: g.Service.OnlineURL,
		})
	}
	if len(g.Contact.Consult) > 0 {
		s.AvailableChannel = append(s.AvailableChannel, serviceChannel{
			Type: "ServiceChannel", Name: "咨询电话",
			ServicePhone: &contactPoint{Type: "ContactPoint", Telephone: g.Contact.Consult[0]},
		})
	}
	for _, l := range g.Locations {
		s.AvailableChannel = append(s.AvailableChannel, serviceChannel{
			Type: "ServiceChannel", Name: l.Name,
			ServiceLocation: &place{Type: "GovernmentOffice", Name: l.Name, Address: l.Address, Telephone: l.Phone},
		})
	}
	return s
}
